// What the first touch of fresh memory costs here: fills a new 1e7-value Float64Array twice, five
// times, and prints ns per value for the first pass (page faults) and the second (memory already
// mapped). Not part of `npm run bench`. Run: node benchmarks/first-touch.mjs, and again with
// GLIBC_TUNABLES=glibc.malloc.hugetlb=1 to see what huge pages change.
const n = 1e7;
for (let r = 0; r < 5; r++) {
  const values = new Float64Array(n);
  const start = performance.now();
  for (let i = 0; i < n; i++) values[i] = i;
  const firstDone = performance.now();
  for (let i = 0; i < n; i++) values[i] = i + 1;
  const secondDone = performance.now();
  const perValue = (ms) => ((ms * 1e6) / n).toFixed(2);
  console.log(
    `first pass ${perValue(firstDone - start)} ns/value, second ${perValue(secondDone - firstDone)}`,
  );
}
