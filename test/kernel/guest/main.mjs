// Entry point in the guest: node /lab/guest/main.mjs <script>; the script name comes from the
// kernel command line (lab.script=...). Each script module exports run().
import {say} from './lab.mjs';

const name = process.argv[2] || 'smoke';
try {
	const mod = await import(`./${name}.mjs`);
	await mod.run();
	say('DONE');
	process.exit(0);
} catch (e) {
	process.stdout.write(`${(e && e.stack) || e}\n`);
	say(`FATAL ${String((e && e.message) || e).split('\n')[0]}`);
	process.exit(1);
}
