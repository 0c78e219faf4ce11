// Keyboard shortcuts. Ctrl on Linux and Windows, Cmd on macOS ("Mod").
import { baseKeymap, chainCommands, exitCode } from "prosemirror-commands";
import { redo, undo } from "prosemirror-history";
import { keymap } from "prosemirror-keymap";
import type { Command } from "prosemirror-state";
import { splitListItem } from "prosemirror-schema-list";
import { enterInSpecialBlocks, toggleBold, toggleHeading, toggleItalic, insertPullQuote } from "./commands";
import { schema } from "./schema";

const hardBreak: Command = chainCommands(exitCode, (state, dispatch) => {
  dispatch?.(state.tr.replaceSelectionWith(schema.nodes.hard_break.create()).scrollIntoView());
  return true;
});

export function editorKeymaps() {
  return [
    keymap({
      "Mod-z": undo,
      "Mod-y": redo,
      "Mod-Shift-z": redo,
      "Mod-b": toggleBold,
      "Mod-i": toggleItalic,
      "Mod-Alt-2": toggleHeading(2),
      "Mod-Alt-3": toggleHeading(3),
      "Mod-Alt-q": insertPullQuote,
      "Shift-Enter": hardBreak,
      Enter: chainCommands(enterInSpecialBlocks, splitListItem(schema.nodes.list_item)),
    }),
    keymap(baseKeymap),
  ];
}
