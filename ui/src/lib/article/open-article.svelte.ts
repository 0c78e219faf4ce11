// Which article is open: the one piece of "current article" state the sidebar and the rest of
// the window share.
export class OpenArticle {
  id = $state<string | null>(null);
}
