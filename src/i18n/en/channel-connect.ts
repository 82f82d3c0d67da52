/** Strings of <channel-connect>. */
export const channelConnectStrings = {
  connectHeading: 'Link a messaging account',
  connectIntro: 'Choose the app whose conversations you want to answer here.',
  channelName: (channel: 'whatsapp' | 'telegram' | 'instagram') =>
    ({ whatsapp: 'WhatsApp', telegram: 'Telegram', instagram: 'Instagram' })[channel],
  channelPickHint: (channel: 'whatsapp' | 'telegram' | 'instagram') =>
    ({
      whatsapp: 'Scan a code with your phone',
      telegram: 'Scan a code with your phone',
      instagram: 'Sign in with your username and password',
    })[channel],
  linkChannelHeading: (name: string) => `Link ${name}`,
  back: 'Back',
  cancel: 'Cancel',
  instagramUsernameLabel: 'Username or e-mail',
  instagramPasswordLabel: 'Password',
  instagramCountryLabel: 'Country',
  instagramCountryHint: 'Where you usually sign in from; it helps Instagram trust the sign-in.',
  instagramPasswordNote: 'Your password is sent once to link the account and is not stored in this page.',
  instagramSubmit: 'Sign in',
  instagramSigningIn: 'Signing in…',
  instagramSubmitAfter: (seconds: number) => `Sign in (wait ${seconds} s)`,
  usernameRequired: 'Enter your Instagram username or e-mail.',
  passwordRequired: 'Enter your Instagram password.',
  passwordRetype: 'For your safety the password was cleared. Enter it again.',
  alreadyLinked: (name: string) => `This ${name} account is already linked.`,
  manageLinkedAccounts: 'Manage linked accounts',
  connectedHeading: (name: string) => `${name} is linked`,
  connectedAs: (username: string) => `Signed in as ${username}.`,
  connectedSyncing: 'Your conversations will appear in a moment.',
  connectAnother: 'Link another account',
};
