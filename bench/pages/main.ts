/** The benchmark page's entry: puts the benchmarks on `window.jaringBench` for the runner to call. */
import { runSaveBench } from './save-bench';
import { closeSearch, fillSearchTo, prepareSearch, runSearch } from './search-bench';
import { fillOutbox, rawSettleEverything, syncEverything } from './sync-bench';

const api = {
  runSaveBench,
  prepareSearch,
  fillSearchTo,
  runSearch,
  closeSearch,
  fillOutbox,
  syncEverything,
  rawSettleEverything,
};
export type JaringBenchApi = typeof api;

(window as unknown as { jaringBench: JaringBenchApi }).jaringBench = api;
document.title = 'Jaring bench: ready';
