import { describeEmbedding } from '../helpers/embedded-page.js';

describeEmbedding('Vue 3 app (examples/vue-3), with isCustomElement', '/examples/vue-3/dist/index.html');
