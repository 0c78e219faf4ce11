// Markdown-style typing: "## " makes a heading, "- " a bullet list, "1. " a numbered list,
// "> " a quote. Arabic keyboards type these ASCII characters the same way.
import { inputRules, textblockTypeInputRule, wrappingInputRule } from "prosemirror-inputrules";
import { schema } from "./schema";

export function markdownInputRules() {
  const { nodes } = schema;
  return inputRules({
    rules: [
      textblockTypeInputRule(/^(#{2,3})\s$/, nodes.heading, (match) => ({ level: match[1].length })),
      wrappingInputRule(/^\s*([-+*])\s$/, nodes.bullet_list),
      wrappingInputRule(/^(\d+)[.)]\s$/, nodes.ordered_list, (match) => ({ start: Number(match[1]) }), (match, node) => node.childCount + node.attrs.start === Number(match[1])),
      wrappingInputRule(/^\s*>\s$/, nodes.blockquote),
    ],
  });
}
