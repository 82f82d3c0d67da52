import { createApp } from 'vue';
import 'inbox-elements/channel-connect';
import App from './App.vue';

createApp(App).mount('#app');
