#!/usr/bin/env node
// bondtop's bin (dist/bondtop.js, copied here by scripts/build.mjs). It only checks the Node.js
// version, then loads the launcher (dist/bondtop-launcher.cjs, from scripts/launcher.cjs), which
// runs the bundle. It is a CommonJS script (dist/package.json, written by the build, says so: no ES
// module loader at start-up) in the JavaScript every Node.js can parse (var, function): an old
// Node.js, which fails to parse the launcher or the bundle, says which version it is instead of a
// SyntaxError.
// The minimum is package.json's engines.node (a unit test checks they agree).
var minimum = 18;
var major = Number(String(process.versions.node).split('.')[0]);
if (!(major >= minimum)) {
	process.stderr.write('bondtop: needs Node.js ' + minimum + ' or newer; this is ' + process.version + ' (' + process.execPath + '). Debian 12 and Raspberry Pi OS bookworm have it: apt install nodejs; or see https://nodejs.org/en/download\n');
	process.exitCode = 1;
} else {
	require('./bondtop-launcher.cjs'); // @@LAUNCHER@@ (the name is set by scripts/build.mjs)
}
