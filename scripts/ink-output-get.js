// Spliced into ink/build/output.js by scripts/esbuild-plugins.mjs (inkSharedCaches): replaces the
// body of Output.get() from `get() {` to the end of the file. Not a module of its own.
//
// Ink's get() tokenises every written line into one object per character, places them on a
// width x height grid and serialises every row back to a string, diffing the ANSI styles of each
// pair of neighbouring cells. Most of bondtop's rows are a few self-contained strings side by side
// (chalk closes what it opens) that neither overlap nor need cutting, and for such a row the row
// string is simply those strings with blanks between them. This get() keeps Ink's clipping and
// transformers as they are, collects each row's writes, takes that fast path for rows where it is
// exact, and falls back to Ink's own cell grid (row by row) for anything else: overlapping writes,
// wide or zero-width characters, escape sequences other than SGR, styles left open.
    get() {
        const rows = [];
        const clips = [];
        for (const operation of this.operations) {
            if (operation.type === 'clip') {
                clips.push(operation.clip);
            }
            if (operation.type === 'unclip') {
                clips.pop();
            }
            if (operation.type === 'write') {
                const { text, transformers } = operation;
                let { x, y } = operation;
                let lines = text.split('\n');
                const clip = clips.at(-1);
                if (clip) {
                    const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
                    const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
                    if (clipHorizontally) {
                        const width = this.caches.getWidestLine(text);
                        if (x + width < clip.x1 || x > clip.x2) {
                            continue;
                        }
                    }
                    if (clipVertically) {
                        const height = lines.length;
                        if (y + height < clip.y1 || y > clip.y2) {
                            continue;
                        }
                    }
                    if (clipHorizontally) {
                        lines = lines.map(line => {
                            const from = x < clip.x1 ? clip.x1 - x : 0;
                            const width = this.caches.getStringWidth(line);
                            const to = x + width > clip.x2 ? clip.x2 - x : width;
                            return sliceAnsi(line, from, to);
                        });
                        if (x < clip.x1) {
                            x = clip.x1;
                        }
                    }
                    if (clipVertically) {
                        const from = y < clip.y1 ? clip.y1 - y : 0;
                        const height = lines.length;
                        const to = y + height > clip.y2 ? clip.y2 - y : height;
                        lines = lines.slice(from, to);
                        if (y < clip.y1) {
                            y = clip.y1;
                        }
                    }
                }
                let offsetY = 0;
                for (let index = 0; index < lines.length; index++) {
                    let line = lines[index];
                    const rowIndex = y + offsetY;
                    // As in Ink: a line that falls outside the screen's rows is dropped (and, as in
                    // Ink, does not advance offsetY).
                    if (!(rowIndex >= 0 && rowIndex < this.height && Number.isInteger(rowIndex))) {
                        continue;
                    }
                    for (const transformer of transformers) {
                        line = transformer(line, index);
                    }
                    (rows[rowIndex] ??= []).push(x, line);
                    offsetY++;
                }
            }
        }
        const generated = new Array(this.height);
        if (this.width !== lastFrameRows.width) {
            lastFrameRows = {width: this.width, writes: [], texts: []};
        }
        for (let rowIndex = 0; rowIndex < this.height; rowIndex++) {
            const writes = rows[rowIndex];
            if (writes === undefined) {
                generated[rowIndex] = '';
                continue;
            }
            // A row written with the same strings at the same columns as in the last frame, at the
            // same width, is the same string: most rows, most frames.
            const before = lastFrameRows.writes[rowIndex];
            if (before !== undefined && sameWrites(before, writes)) {
                generated[rowIndex] = lastFrameRows.texts[rowIndex];
                continue;
            }
            const text = this.fastRow(writes) ?? this.gridRow(writes, rowIndex);
            generated[rowIndex] = text;
            if (rowIndex <= 500) {
                lastFrameRows.writes[rowIndex] = writes;
                lastFrameRows.texts[rowIndex] = text;
            }
        }
        return {
            output: generated.join('\n'),
            height: this.height,
        };
    }
    /** The row as strings side by side, or undefined when that would not be exactly Ink's grid. */
    fastRow(writes) {
        let segments = [];
        for (let i = 0; i < writes.length; i += 2) {
            const x = writes[i];
            const line = writes[i + 1];
            const width = this.caches.getStringWidth(line);
            if (width === 0 && !line.includes('\x1b')) continue;
            if (!this.caches.isPlainRun(line, width) || !Number.isInteger(x) || x < 0 || x + width > this.width) return undefined;
            if (width === 0) continue;
            segments.push(x, width, line);
        }
        if (segments.length > 3) {
            // Sort by column (writes usually arrive in order already).
            const order = [];
            for (let i = 0; i < segments.length; i += 3) order.push(i);
            order.sort((a, b) => segments[a] - segments[b]);
            const sorted = [];
            for (const i of order) sorted.push(segments[i], segments[i + 1], segments[i + 2]);
            segments = sorted;
        }
        let text = '';
        let column = 0;
        for (let i = 0; i < segments.length; i += 3) {
            const x = segments[i];
            if (x < column) return undefined; // overlapping writes: the grid decides who wins
            if (x > column) text += ' '.repeat(x - column);
            text += segments[i + 2];
            column = x + segments[i + 1];
        }
        return text.trimEnd();
    }
    /** Ink's own cell grid for one row. */
    gridRow(writes, rowIndex) {
        const currentLine = new Array(this.width).fill(blankCell);
        for (let i = 0; i < writes.length; i += 2) {
            const x = writes[i];
            const characters = this.caches.getStyledChars(writes[i + 1]);
            let offsetX = x;
            for (const character of characters) {
                currentLine[offsetX] = character;
                const characterWidth = Math.max(1, this.caches.getStringWidth(character.value));
                if (characterWidth > 1) {
                    for (let index = 1; index < characterWidth; index++) {
                        currentLine[offsetX + index] = {
                            type: 'char',
                            value: '',
                            fullWidth: false,
                            styles: character.styles,
                        };
                    }
                }
                offsetX += characterWidth;
            }
        }
        // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
        const lineWithoutEmptyItems = currentLine.filter(item => item !== undefined);
        return rowString(lineWithoutEmptyItems, rowIndex);
    }
}
