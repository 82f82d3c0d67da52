/** Strings of <channel-connect>. */
export const channelConnectStrings = {};
