// Guard: npm scripts must run on the Node pinned in package.json ("node" package -> node_modules/.bin/node).
// If `npm ci --ignore-scripts` (or a denied allowScripts entry) skipped node's preinstall, npm silently
// falls back to the system Node; fail loudly instead.
const want = 24;
const major = Number(process.versions.node.split('.')[0]);
if (major < want) {
  console.error(
    `[assert-node] running on Node ${process.version} ` +
      `(${process.execPath}); expected Node ${want}.x from node_modules/.bin. ` +
      'Run `npm ci` without --ignore-scripts (the "node" package installs its binary in a preinstall script).',
  );
  process.exit(1);
}
