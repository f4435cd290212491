// Stands in for a simulator that never gets to its "listening on" line (simulator-process.spec.ts).
setInterval(() => undefined, 1000);
