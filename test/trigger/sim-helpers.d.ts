import type { IDataObject } from 'n8n-workflow';

export interface Simulator {
	url: string;
	cdnUrl: string;
	apiUrl: string;
	token: string;
	log: Array<IDataObject & { kind: string; op: string; path: string; headers: IDataObject }>;
	record(id: string): IDataObject | undefined;
}

export interface SimulatorWithJobs {
	sim: Simulator;
	receiver: { url: string; bodies: string[] };
	video: IDataObject;
	image?: IDataObject;
	/** The raw text of the final callback the simulator POSTed for the video. */
	videoCallback: string;
	close(): Promise<void>;
}

export function simulatorWithJobs(options?: IDataObject): Promise<SimulatorWithJobs>;
export function fetchBytes(url: string): Promise<Buffer>;

export interface AudioJobs {
	speech: IDataObject;
	music: IDataObject;
	/** Raw text of the final callbacks the simulator POSTed. */
	speechCallback: string;
	musicCallback: string;
	audioId: string;
	musicId: string;
}

export function audioJobs(env: SimulatorWithJobs): Promise<AudioJobs>;
