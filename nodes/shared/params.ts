import type { IExecuteFunctions } from 'n8n-workflow';

import { operationError } from './errors';

/**
 * Type checks for text parameters that reach a paid create. An expression can return an object or
 * an array; String() would send "[object Object]" or "a,b" as the prompt, so they are refused,
 * naming the field. Numbers and booleans are plain text.
 */
export function textOf(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
	fallback = '',
): string {
	if (value === undefined || value === null) return fallback;
	if (typeof value === 'string') return value;
	if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean')
		return String(value);
	const what = Array.isArray(value)
		? 'an array'
		: typeof value === 'object'
			? 'an object'
			: `a ${typeof value}`;
	throw operationError(
		ctx.getNode(),
		`"${field}" must be text, but its expression returned ${what}`,
		{
			itemIndex,
			description: `Make the expression return a string, e.g. {{ $json.prompt }} for one field or {{ JSON.stringify($json.data) }} for structured data. Nothing was sent.`,
		},
	);
}

/** getNodeParameter for a string parameter, type-checked. */
export function readText(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	field: string,
	fallback = '',
): string {
	return textOf(
		this,
		this.getNodeParameter(name, itemIndex, fallback) as unknown,
		field,
		itemIndex,
		fallback,
	);
}
