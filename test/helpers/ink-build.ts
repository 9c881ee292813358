/**
 * One module of Ink's own build (e.g. `output.js`), bundled by esbuild with the given plugins into
 * `directory` and imported, so a test can compare the patched build against Ink's. Not a test file.
 */
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';

export async function bundleInkModule<T>(directory: string, name: string, inkFile: string, plugins: unknown[]): Promise<T> {
	const outfile = join(directory, `${name}.mjs`);
	await build({
		// Ink's exports map hides build/; the file itself is what the bundle patches.
		stdin: {contents: `export {default} from ${JSON.stringify(join(process.cwd(), 'node_modules/ink/build', inkFile))};`, resolveDir: process.cwd(), loader: 'js'},
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		plugins: plugins as never,
		logLevel: 'silent',
	});
	return ((await import(pathToFileURL(outfile).href)) as {default: T}).default;
}
