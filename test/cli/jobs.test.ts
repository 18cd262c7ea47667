// `--jobs` default and the lanes it starts: the output never depends on the number of lanes.
import assert from 'node:assert/strict';
import { defaultJobs, startJobs } from '../../server/cli/jobs';

describe('CLI --jobs', () => {
  it('defaults to one fewer than the cores, at least one', () => {
    assert.deepEqual([1, 2, 3, 4, 8, 64].map((c) => defaultJobs(c)), [1, 1, 2, 3, 7, 63]);
  });

  it('one job lints in-process (no worker, one lane)', () => {
    const jobs = startJobs(1, () => undefined);
    assert.equal(jobs.lanes, 1);
    assert.equal(jobs.runner, undefined);
    jobs.dispose();
  });
});
