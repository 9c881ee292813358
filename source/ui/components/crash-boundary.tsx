import React, {Component, type ReactNode} from 'react';

/**
 * Catches an error thrown while rendering, before Ink's own boundary would draw it with its stack
 * and source excerpt, and hands it to `onCrash` (which restores links and prints one line).
 */
export class CrashBoundary extends Component<{onCrash: (error: unknown) => void; children: ReactNode}, {crashed: boolean}> {
	override state = {crashed: false};

	static getDerivedStateFromError(): {crashed: boolean} {
		return {crashed: true};
	}

	override componentDidCatch(error: unknown): void {
		this.props.onCrash(error);
	}

	override render(): ReactNode {
		return this.state.crashed ? null : this.props.children;
	}
}
