import path from 'node:path';
import { bundleWorkflowsTo } from '@temporal-ecommerce/worker-kit';

// The order Worker's workflows and the billing Worker's (its companion in the same process, docs/nexus.md).
const bundles = [
  { workflows: require.resolve('../workflows'), out: path.join(__dirname, '../workflow-bundle.js') },
  { workflows: require.resolve('../billing/workflows'), out: path.join(__dirname, '../billing-workflow-bundle.js') },
];

async function run(): Promise<void> {
  for (const { workflows, out } of bundles) {
    const bytes = await bundleWorkflowsTo(workflows, out);
    console.log(`wrote ${out} (${bytes} bytes)`);
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
