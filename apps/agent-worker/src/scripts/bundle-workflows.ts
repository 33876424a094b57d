import path from 'node:path';
import { bundleWorkflowsTo } from '@temporal-ecommerce/worker-kit';

const out = path.join(__dirname, '../workflow-bundle.js');
bundleWorkflowsTo(require.resolve('../workflows'), out)
  .then((bytes) => console.log(`wrote ${out} (${bytes} bytes)`))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
