import { describeEmbedding } from '../helpers/embedded-page.js';

describeEmbedding(
  'React 18 app (examples/react-18), through inbox-elements/react',
  '/examples/react-18/dist/index.html',
);
