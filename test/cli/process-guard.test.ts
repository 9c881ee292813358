// Uncaught errors and rejections end in one line after the clean-up ran; the stack only with
// BONDTOP_DEBUG=1. Runs the guard in a child process, the way bondtop installs it.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

const guard = fileURLToPath(new URL('../../source/cli/process-guard.ts', import.meta.url));

function crash(body: string, env: NodeJS.ProcessEnv = {}) {
	const script = `import {installProcessGuards, onEmergencyExit} from ${JSON.stringify(guard)};
installProcessGuards();
onEmergencyExit(() => ['restored eth0 (clean-up ran)']);
${body}`;
	const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {encoding: 'utf8', timeout: 20_000, env: {...process.env, BONDTOP_DEBUG: '', ...env}});
	return {code: result.status, stderr: result.stderr};
}

test('an uncaught exception: the clean-up, then one sanitised line, exit 1', () => {
	const {code, stderr} = crash(`setTimeout(() => { throw new Error('boom \\u001b]0;owned\\u0007\\nsecond line'); }, 1);`);
	assert.equal(stderr, 'restored eth0 (clean-up ran)\nbondtop: boom \\x1b]0;owned\\x07\n');
	assert.equal(code, 1);
});

test('an unhandled rejection (not even an Error): one line, exit 1', () => {
	const {code, stderr} = crash(`Promise.reject('no reason');`);
	assert.equal(stderr, 'restored eth0 (clean-up ran)\nbondtop: no reason\n');
	assert.equal(code, 1);
});

test('BONDTOP_DEBUG=1 adds the stack after the line', () => {
	const {code, stderr} = crash(`setTimeout(() => { throw new Error('boom'); }, 1);`, {BONDTOP_DEBUG: '1'});
	const lines = stderr.split('\n');
	assert.equal(lines[0], 'restored eth0 (clean-up ran)');
	assert.equal(lines[1], 'bondtop: boom');
	assert.equal(lines[2], 'Error: boom');
	assert.match(lines[3]!, /^\s+at /);
	assert.equal(code, 1);
});
