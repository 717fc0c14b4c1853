// Flat config mirroring the one @n8n/node-cli ships (that CLI does not install on Node 20).
// TypeScript (nodes, credentials and tests) gets the full n8n community rule set;
// plain JS tooling (simulator, demo, bench, e2e scripts) gets ESLint's recommended rules.
import eslint from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesPlugin from 'eslint-plugin-n8n-nodes-base';
import { globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const nodeGlobals = {
	require: 'readonly',
	module: 'writable',
	exports: 'writable',
	process: 'readonly',
	console: 'readonly',
	Buffer: 'readonly',
	__dirname: 'readonly',
	__filename: 'readonly',
	setTimeout: 'readonly',
	clearTimeout: 'readonly',
	setInterval: 'readonly',
	clearInterval: 'readonly',
	setImmediate: 'readonly',
	clearImmediate: 'readonly',
	URL: 'readonly',
	URLSearchParams: 'readonly',
	fetch: 'readonly',
	AbortController: 'readonly',
	performance: 'readonly',
	TextEncoder: 'readonly',
	TextDecoder: 'readonly',
	Blob: 'readonly',
	FormData: 'readonly',
	Response: 'readonly',
	describe: 'readonly',
	it: 'readonly',
	test: 'readonly',
	expect: 'readonly',
	beforeAll: 'readonly',
	afterAll: 'readonly',
	beforeEach: 'readonly',
	afterEach: 'readonly',
	jest: 'readonly',
};

export default tseslint.config(
	globalIgnores(['dist', 'node_modules', 'coverage', 'out']),
	{
		files: ['**/*.ts'],
		extends: [
			eslint.configs.recommended,
			tseslint.configs.recommended,
			n8nCommunityNodesPlugin.configs.recommended,
		],
		plugins: { 'n8n-nodes-base': n8nNodesPlugin },
		rules: {
			'prefer-spread': 'off',
			'no-console': 'error',
		},
	},
	{
		files: ['package.json'],
		plugins: {
			'n8n-nodes-base': n8nNodesPlugin,
			...n8nCommunityNodesPlugin.configs.recommended.plugins,
		},
		// As the verification scanner does: every recommended rule on package.json too (valid-author, require-homepage…).
		rules: {
			...n8nNodesPlugin.configs.community.rules,
			...n8nCommunityNodesPlugin.configs.recommended.rules,
		},
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		files: ['**/*.js', '**/*.cjs'],
		extends: [eslint.configs.recommended],
		languageOptions: { sourceType: 'commonjs', ecmaVersion: 2023, globals: nodeGlobals },
	},
	{
		// The browser test passes functions to page.evaluate(): they run in the page.
		files: ['test/e2e/browser.js', 'test/e2e/lib/editor-ui.js'],
		languageOptions: {
			globals: { document: 'readonly', MouseEvent: 'readonly', window: 'readonly' },
		},
	},
);
