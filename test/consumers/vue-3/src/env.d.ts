// Types `<channel-connect>` and the other tags, with their props and events, in this app's templates.
/// <reference types="inbox-elements/vue" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
