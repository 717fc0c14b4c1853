import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

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
	return {
		...requestData,
		options: { ...requestData.options, qs: { ...requestData.options.qs, ...qs } },
	};
}

/**
 * Cursor pages (`lastVideoId`, `lastImageId`, `lastId`, `lastMusicId`): each page continues after the
 * last id of the previous one. makeRoutingRequest runs the operation's postReceive per page, so errors
 * and shaping happen once per page. Stops on an empty or short page, on hasNext/hasMore false, when
 * the cursor does not move, or after `reachable` results (music: the cursor must be among the
 * newest 1000 songs, so later pages would only answer 400).
 */
export function cursorPages(cursorParam: string, idKey: string, reachable = Infinity): Pagination {
	return async function (this: IExecutePaginationFunctions, requestData) {
		const max = Math.min(wanted(requestData), reachable);
		const results: INodeExecutionData[] = [];
		let cursor: string | undefined;
		while (results.length < max) {
			const limit = Math.min(PAGE_SIZE, max - results.length);
			const items = await this.makeRoutingRequest(
				page(requestData, cursor ? { limit, [cursorParam]: cursor } : { limit }),
			);
			results.push(...items);
			const next = items.length ? String(items[items.length - 1].json[idKey] ?? '') : '';
			if (
				items.length < limit ||
				pageInfo.get(items)?.hasMore === false ||
				!next ||
				next === cursor
			)
				break;
			cursor = next;
		}
		return results;
	};
}

export interface NumberedPaging {
	/** Query name of the page size: `pageSize` (characters) or `page_size` (speech, voices). */
	sizeParam: string;
	pageSize: number;
	/** A client-side filter drops items, so every page asks for the full size. */
	filtered?: boolean;
	/** Identifies an item, to stop when the server ignores `page` and repeats itself. */
	idKey?: string;
}

/**
 * Numbered pages from 1 (`page` + the size parameter). Stops on has_more false, or on a page that was
 * short or empty before any client-side filter, or when a page repeats the previous one.
 */
export function numberedPages(paging: NumberedPaging): Pagination {
	return async function (this: IExecutePaginationFunctions, requestData) {
		const max = wanted(requestData);
		const size = paging.filtered ? paging.pageSize : Math.min(paging.pageSize, max);
		const results: INodeExecutionData[] = [];
		let previous: string | undefined;
		for (let number = 1; results.length < max; number++) {
			const items = await this.makeRoutingRequest(
				page(requestData, { page: number, [paging.sizeParam]: size }),
			);
			const first =
				paging.idKey && items.length ? String(items[0].json[paging.idKey] ?? '') : undefined;
			if (first && first === previous) break;
			results.push(...items);
			const info = pageInfo.get(items);
			if ((info?.size ?? items.length) < size || info?.hasMore === false) break;
			previous = first;
		}
		return results;
	};
}
