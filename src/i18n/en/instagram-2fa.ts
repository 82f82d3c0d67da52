/** Strings of <instagram-2fa>. */
export const instagramTwoFactorStrings = {};
