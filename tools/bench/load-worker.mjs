// One autocannon run, meant to be started pinned to its own core: prints the summary as JSON.
import autocannon from 'autocannon';

const options = JSON.parse(process.argv[2]);
const result = await autocannon({
  ...options,
  renderProgressBar: false,
  renderResultsTable: false,
  renderLatencyTable: false,
});
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    bytes: result.throughput.average,
  }),
);
