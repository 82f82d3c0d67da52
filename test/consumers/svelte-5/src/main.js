import { mount } from 'svelte';
import 'inbox-elements/channel-connect';
import App from './App.svelte';

mount(App, { target: document.getElementById('app') });
