// Quick check that the guest has what the lab needs.
import {exec, ip, makeBond, note, scenario, waitSlavesUp, bondAttr} from './lab.mjs';

export async function run() {
	await scenario('guest-smoke', async () => {
		note(exec('/usr/bin/node', ['--version']).stdout.trim());
		note(exec('/usr/sbin/ip', ['-V']).stdout.trim());
		note(exec('/usr/bin/tmux', ['-V']).stdout.trim());
		makeBond('bond0', {options: ['mode', 'active-backup', 'miimon', '100']});
		await waitSlavesUp('bond0');
		note('active', bondAttr('bond0', 'active_slave'));
		note(ip('-br', 'link'));
	});
}
