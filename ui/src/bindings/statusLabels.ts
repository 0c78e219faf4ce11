// Generated from qalam-core's ArticleStatus::label by src-tauri/src/status_labels.rs. Do not edit.
import type { ArticleStatus } from "./ArticleStatus";

export const statusLabels = {
  ar: {
    "draft": "مسودة",
    "submitted": "مُرسلة",
    "in-review": "قيد المراجعة",
    "changes-requested": "تحتاج تعديلًا",
    "approved": "معتمدة",
    "published": "منشورة",
    "spiked": "ملغاة",
  },
  en: {
    "draft": "Draft",
    "submitted": "Submitted",
    "in-review": "In review",
    "changes-requested": "Changes requested",
    "approved": "Approved",
    "published": "Published",
    "spiked": "Spiked",
  },
} satisfies Record<"ar" | "en", Record<ArticleStatus, string>>;
