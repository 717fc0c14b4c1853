import type { INodeParameters } from 'n8n-workflow';

import { MinimaxGenerate } from '../../nodes/MinimaxGenerate/MinimaxGenerate.node';
import { shownFields } from '../../scripts/readme-panel';

const description = new MinimaxGenerate().description;

/** Top-level fields n8n's editor shows for these parameters (defaults filled in as the editor does). */
const shown = (version: number, parameters: INodeParameters): string[] =>
	shownFields(description, version, parameters).map((p) => p.displayName);

const optionNames = (resource: string, operation: string) => {
	const options = description.properties.filter(
		(p) =>
			p.name === 'options' &&
			(p.displayOptions?.show?.resource as string[]).includes(resource) &&
			(p.displayOptions?.show?.operation as string[]).includes(operation),
	);
	expect(options).toHaveLength(1);
	return (options[0].options ?? []).map((o) => o.name);
};

describe('Generate panel, version 2', () => {
	it('is the default version for new nodes; version 1 stays loadable', () => {
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});

	it('Video → Create with T2V-2.3 shows at most 8 top-level fields (15 in version 1)', () => {
		const lean = shown(2, { resource: 'video', operation: 'create' });
		expect(lean).toEqual([
			'Resource',
			'Operation',
			'Model',
			'Prompt',
			'Resolution and Duration',
			'Wait for Completion',
			'Download Result',
			'Options',
		]);
		expect(
			shown(1, { resource: 'video', operation: 'create', videoModel: 'T2V-2.3' }),
		).toHaveLength(15);
	});

	it('I2V-2.3 adds only the image and its input field', () => {
		expect(shown(2, { resource: 'video', operation: 'create', videoModel: 'I2V-2.3' })).toEqual([
			'Resource',
			'Operation',
			'Model',
			'Prompt',
			'Image',
			'Image Input Binary Field',
			'Resolution and Duration',
			'Wait for Completion',
			'Download Result',
			'Options',
		]);
		expect(
			shown(2, {
				resource: 'video',
				operation: 'create',
				videoModel: 'I2V-2.3',
				imageSource: 'url',
			}),
		).toContain('Image URL');
	});

	it('hides Download Result when not waiting, and everything else sits in Options', () => {
		expect(
			shown(2, { resource: 'video', operation: 'create', waitForCompletion: false }),
		).not.toContain('Download Result');
		for (const [resource, operation] of [
			['video', 'create'],
			['video', 'createFromTemplate'],
			['image', 'create'],
			['agent', 'run'],
		]) {
			const top = shown(2, { resource, operation });
			for (const moved of [
				'Account',
				'Wait Mode',
				'Wait Options',
				'Download Options',
				'Callback',
				'Output Options',
				'Max Jobs',
				'Prompt Optimization',
			]) {
				expect(top).not.toContain(moved);
			}
			expect(optionNames(resource, operation)).toEqual(
				expect.arrayContaining([
					'account',
					'waitMode',
					'pollInterval',
					'timeout',
					'onFailure',
					'replyUrl',
					'replyRef',
					'includeRaw',
					'binaryPropertyName',
				]),
			);
		}
		expect(optionNames('video', 'create')).toEqual(
			expect.arrayContaining(['maxJobs', 'promptOptimization', 'cancelOnStop']),
		);
		expect(optionNames('image', 'create')).toEqual(
			expect.arrayContaining(['splitIntoItems', 'promptOptimization']),
		);
		expect(optionNames('agent', 'run')).toEqual(
			expect.arrayContaining(['splitIntoItems', 'agentExtraModels']),
		);
	});

	it('hides Poll Interval and Reply URL in Wait Mode "Until Callback"', () => {
		const options = description.properties.find(
			(p) =>
				p.name === 'options' && (p.displayOptions?.show?.resource as string[]).includes('video'),
		);
		const byName = (name: string) =>
			(options?.options ?? []).find((o) => o.name === name) as {
				displayOptions?: { hide?: Record<string, unknown[]> };
			};
		expect(byName('pollInterval').displayOptions?.hide?.waitMode).toEqual(['callback']);
		expect(byName('replyUrl').displayOptions?.hide?.waitMode).toEqual(['callback']);
		expect(byName('timeout').displayOptions?.hide?.['/waitForCompletion']).toEqual([false]);
	});

	it('lists the recommended model first and the legacy 01 models last, labelled', () => {
		const model = description.properties.find(
			(p) =>
				p.name === 'videoModel' && (p.displayOptions?.show?.['@version'] as number[])?.includes(2),
		);
		const names = (model?.options ?? []).map((o) => o.name);
		expect(model?.default).toBe('T2V-2.3');
		expect(names[0]).toBe('Hailuo 2.3 Text to Video (T2V-2.3)');
		expect(names.slice(-6).every((n) => n.endsWith('(Legacy)'))).toBe(true);
		expect(names.filter((n) => n.includes('Legacy'))).toHaveLength(6);
	});

	it('shows no value that looks like it must be changed', () => {
		for (const p of description.properties) {
			expect(String(p.placeholder ?? '')).not.toMatch(/^\d+$/);
			if (
				p.type === 'number' &&
				p.name === 'maxJobs' &&
				(p.displayOptions?.show?.['@version'] as number[])?.includes(2)
			)
				throw new Error('Max Jobs belongs in Options in version 2');
		}
	});

	it('names the operation and the model in the canvas subtitle', () => {
		expect(description.subtitle).toContain('"video.create":"Create a video"');
		expect(description.subtitle).toContain('$parameter["videoModel"]');
		expect(description.subtitle).not.toContain('}}}');
	});
});
