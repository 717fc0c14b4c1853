'use strict';
/** Unit and integration tests. Real-n8n e2e and the reliability run have their own runners. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: {
		'^.+\\.ts$': [
			'ts-jest',
			{
				isolatedModules: true,
				tsconfig: {
					module: 'commonjs',
					esModuleInterop: true,
					target: 'es2021',
					isolatedModules: true,
				},
			},
		],
	},
	testTimeout: 30000,
	// n8n-core starts services with their own timers when the engine first runs; they are not ours to close.
	forceExit: true,
};
