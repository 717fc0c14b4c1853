import type { INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

export function shownFields(
	description: INodeTypeDescription,
	version: number,
	parameters: INodeParameters,
): INodeProperties[];
export function panelRows(description: INodeTypeDescription): string[][];
export function panelBlock(description: INodeTypeDescription): string;
