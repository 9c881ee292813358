declare module 'drawille-canvas-blessed-contrib' {
	/** The drawing surface the context draws onto: pixel set/unset. */
	export type PixelCanvas = {
		set(x: number, y: number): void;
		unset(x: number, y: number): void;
		clear(): void;
	};
	/** blessed-contrib's HTML5-canvas-like 2D context over a braille canvas. */
	export default class Context {
		constructor(width: number, height: number, canvasClass?: new (width: number, height: number) => PixelCanvas);
		_canvas: PixelCanvas;
		strokeStyle: unknown;
		beginPath(): void;
		moveTo(x: number, y: number): void;
		lineTo(x: number, y: number): void;
		stroke(): void;
		clearRect(x: number, y: number, w: number, h: number): void;
		fillRect(x: number, y: number, w: number, h: number): void;
	}
}

declare module 'systeminformation/lib/network.js' {
	const network: {
		networkGatewayDefault(): Promise<string>;
	};
	export default network;
}
