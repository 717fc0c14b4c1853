import type { INodeProperties } from 'n8n-workflow';

/**
 * Canvas subtitle in words ("Create a video · T2V-2.3" instead of "create: video"): each
 * resource/operation pair maps to its operation's `action` text; `extra` appends a parameter's value
 * (e.g. the model) for the operations that have one.
 */
export function actionSubtitle(
	properties: INodeProperties[],
	extra: Record<string, string> = {},
): string {
	const actions: Record<string, string> = {};
	for (const property of properties) {
		if (property.name !== 'operation' || property.type !== 'options') continue;
		const resources = (property.displayOptions?.show?.resource ?? []) as string[];
		for (const resource of resources) {
			for (const option of property.options ?? []) {
				const { value, action, name } = option as { value: string; action?: string; name: string };
				actions[`${resource}.${value}`] = action ?? name;
			}
		}
	}
	// A flat JSON object never contains "}}", which would end the expression early.
	const key = '$parameter["resource"] + "." + $parameter["operation"]';
	const suffix = Object.entries(extra)
		.map(
			([pair, parameter]) =>
				` + (${key} === ${JSON.stringify(pair)} ? " · " + $parameter[${JSON.stringify(parameter)}] : "")`,
		)
		.join('');
	return `={{ (${JSON.stringify(actions)}[${key}] || $parameter["operation"])${suffix} }}`;
}
