import type { DeclarativeRestApiSettings, IDataObject, IExecutePaginationFunctions, INodeExecutionData } from 'n8n-workflow';

import { pageInfo } from './output';

type Pagination = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/** The API's documented default page size, so a page never asks for more than the server gives. */
export const PAGE_SIZE = 30;

/** Limit (maxResults, from the "Limit" field) or Infinity with Return All. RoutingNode trims to it too. */
function wanted(requestData: DeclarativeRestApiSettings.ResultOptions): number {
	const max = Number(requestData.maxResults);
	return Number.isFinite(max) && max > 0 ? max : Infinity;
}

function page(requestData: DeclarativeRestApiSettings.ResultOptions, qs: IDataObject) {
	return { ...requestData, options: { ...requestData.options, qs: { ...requestData.options.qs, ...qs } } };
}

/**
 * Cursor pages (`lastVideoId`, `lastImageId`, `lastId`): each page continues after the last id of the
 * previous one. makeRoutingRequest runs the operation's postReceive per page, so errors and shaping
 * happen once per page. Stops on an empty or short page, on hasNext/hasMore false, or when the
 * cursor does not move.
 */
export function cursorPages(cursorParam: string, idKey: string): Pagination {
	return async function (this: IExecutePaginationFunctions, requestData) {
		const max = wanted(requestData);
		const results: INodeExecutionData[] = [];
		let cursor: string | undefined;
		while (results.length < max) {
			const limit = Math.min(PAGE_SIZE, max - results.length);
			const items = await this.makeRoutingRequest(page(requestData, cursor ? { limit, [cursorParam]: cursor } : { limit }));
			results.push(...items);
			const next = items.length ? String(items[items.length - 1].json[idKey] ?? '') : '';
			if (items.length < limit || pageInfo.get(items)?.hasMore === false || !next || next === cursor) break;
			cursor = next;
		}
		return results;
	};
}

/** Numbered pages (`page`, `pageSize`) for characters; stops on an empty or short page. */
export function numberedPages(pageSize = 50): Pagination {
	return async function (this: IExecutePaginationFunctions, requestData) {
		const max = wanted(requestData);
		const size = Math.min(pageSize, max);
		const results: INodeExecutionData[] = [];
		for (let number = 1; results.length < max; number++) {
			const items = await this.makeRoutingRequest(page(requestData, { page: number, pageSize: size }));
			results.push(...items);
			if (items.length < size) break;
		}
		return results;
	};
}
