export const ar = {
  appName: "قلم",
  draftsHeading: "المسودات",
  draftsCount: (n: number) => (n === 0 ? "لا مسودات" : n === 1 ? "مسودة واحدة" : n === 2 ? "مسودتان" : n <= 10 ? `${n} مسودات` : `${n} مسودة`),
  untitled: "(بلا عنوان)",
  status: { draft: "مسودة", review: "قيد المراجعة", approved: "معتمد" } as Record<string, string>,
  lastChange: "آخر تعديل",
  emptyLibrary: "المكتبة فارغة. استورد مقالًا من سطر الأوامر:",
  importHint: "qalam import مقال.md",
  loadFailed: "تعذّر فتح المكتبة",
};
