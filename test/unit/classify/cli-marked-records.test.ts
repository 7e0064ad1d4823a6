// Next.js's records on a day of a service: the same error whole, split, with its head lost, cut by a
// write cut short, and from chunks of two builds is one problem.
import { reassembledClusters } from '../../support/cluster-ids.js';
import { cloudRunLines } from '../../support/cloud-run-lines.js';

const { line, split } = cloudRunLines('stderr');

const fetchFailed = (chunk: number, at: number) => [
  ' ⨯ TypeError: fetch failed',
  '    at node:internal/deps/undici/undici:13510:13',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)',
  `    at async getProduct (/app/.next/server/chunks/${chunk}.js:1:${at})`,
  `    at async Page (/app/.next/server/app/products/[slug]/page.js:1:${at + 7}) {`,
  `  digest: '${at * 7919}',`,
  '}',
].join('\n');

const actionMissing = ' ⨯ Error: Failed to find Server Action "7bd1670350a44aab9c63879f12b1f2e0beee6d96". This request might be from an older or newer deployment.\n    at handleAction (/app/node_modules/next/dist/server/app-render/action-handler.js:1:3345)';


describe("Next.js's marked records", () => {
  it('one error whole, split, headless, cut and from two builds is one problem; another error stays apart', () => {
    let t = 0;
    const next = () => (t += 5_000_000);
    const whole = [412, 588, 412].map((chunk, i) => line(fetchFailed(chunk, 1000 + i), next()));
    const splitOnes = [588, 412].flatMap((chunk, i) => split(fetchFailed(chunk, 2000 + i), next()));
    const headless = split(fetchFailed(412, 3000).split('\n').slice(2).join('\n'), next());
    const cut = [line(fetchFailed(412, 4000).slice(0, 90), next())];
    const other = [line(actionMissing, next()), line(actionMissing.replace('7bd1', '99a0'), next())];
    const clusters = [...reassembledClusters([...whole, ...splitOnes, ...headless, ...cut, ...other]).values()].map((firsts) => firsts.length).sort();
    expect(clusters).toEqual([2, 7]);
  });
});
