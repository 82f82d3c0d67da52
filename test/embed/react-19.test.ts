import { describeEmbedding } from '../helpers/embedded-page.js';

describeEmbedding(
  'React 19 app (examples/react-19), the elements used directly',
  '/examples/react-19/dist/index.html',
);
