import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

export const PAYLOADS: Array<[string, string]>;
export const ACCOUNT_PAYLOADS: Array<[string, string]>;
export function fill(payload: string, valid: string): string;

export interface Ids {
	ACCOUNT: string;
	VIDEO: string;
	IMAGE: string;
	FILE: string;
	AGENT: string;
	TEMPLATE: string;
}
export type Node = 'declarative' | 'generate';
export function idsOf(account: string, uid?: string): Ids;
export function injectionTargets(
	ids: Ids,
): Array<[Node, string, (value: string) => IDataObject, string]>;
export function injectionCases(ids: Ids): Array<[Node, string, IDataObject]>;
export const PNG: INodeExecutionData;
export const TRIGGER_PARAMETERS: IDataObject;
export function callbackBody(text: string, video: string): IDataObject;
