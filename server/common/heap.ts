// A bound on the heap of a batch scan. V8 lets the old generation fill with the garbage of many files before
// it collects (seen here: 330 MB of heap for 55 MB live after 1,000 files, RSS 450 MB), and Node offers no
// runtime setting for that limit (`--max-old-space-size` only at start-up, which a bin script cannot pass).
// Between files, when the heap holds more than the bound, a full collection runs (tens of ms; see test/bench).
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Used-heap bound for scans (MB). */
export const SCAN_HEAP_MB = 128;

let collect: (() => void) | null | undefined;

/** Collect garbage when the heap holds more than `mb` MB. Cheap when under (one heap-statistics read). */
export function keepHeapUnder(mb = SCAN_HEAP_MB): void {
  if (v8.getHeapStatistics().used_heap_size < mb * 1048576) return;
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
