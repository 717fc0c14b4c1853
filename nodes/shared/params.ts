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

/**
 * A number parameter from an expression: a finite number or numeric text; empty gives undefined.
 * Number([]) is 0 and Number({}) NaN, so arrays, objects, booleans and NaN are refused, naming the field.
 */
export function numberOf(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() && Number.isFinite(Number(value)))
		return Number(value);
	const what = Array.isArray(value)
		? 'an array'
		: typeof value === 'string'
			? `"${value.slice(0, 40)}"`
			: typeof value === 'number'
				? String(value)
				: typeof value === 'object'
					? 'an object'
					: `a ${typeof value}`;
	throw operationError(ctx.getNode(), `"${field}" must be a number, but it is ${what}`, {
		itemIndex,
		description: 'Enter a number, or make the expression return one. Nothing was sent.',
	});
}
