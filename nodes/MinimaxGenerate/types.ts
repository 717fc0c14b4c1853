import type { IDataObject } from 'n8n-workflow';

/** One image or media input: a fileID given directly, or a binary property to upload first (to the same account). */
export interface MediaInput {
	/** Request field it fills, e.g. fileID, end_frame_fileID, fileID2, videoFileID1, characterFileId, referenceFileId3, file (agent). */
	field: string;
	fileId?: string;
	binaryProperty?: string;
	/** Downloaded without the token, checked (MIME type, size), then uploaded to the job's account. */
	url?: string;
	/** Kind of media, for the MIME check of a URL download. */
	kind?: 'image' | 'video' | 'audio';
	/** The parameter it came from, for messages ("Image URL", "Reference Images (#2)"). */
	label?: string;
}

/** A validated create request for one item. Built without any HTTP call; the engine submits it. */
export interface PreparedCreate {
	/** The account the user fixed, if any; otherwise the engine picks one with free capacity. */
	account?: string;
	/** Request fields other than media inputs, account, replyUrl and replyRef. */
	body: IDataObject;
	media: MediaInput[];
	replyUrl?: string;
	/** The user's own replyRef; the engine appends its tag (nodes/shared/replyRef.ts). */
	replyRef?: string;
}
