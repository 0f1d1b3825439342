/// The words of the site's own pages (its navigation, cell and exercise chrome) in other languages,
/// for a catalog that has no entry of its own for them: an edition's catalog wins where it has one.
enum SiteMessages {
    static let chinese: [String: String] = [
        "Contents": "目录",
        "Lessons": "课程",
        "Editions": "版本",
        "← Previous": "← 上一课",
        "Next →": "下一课 →",
        "Keys: j or → for the next lesson, k or ← for the previous one": "按键：j 或 → 下一课，k 或 ← 上一课",
        "{0} min": "{0} 分钟",
        "requires {0}": "先修：{0}",
        "1 lesson": "1 课",
        "{0} lessons": "{0} 课",
        "not translated yet": "尚未翻译",
        "This lesson has not been translated yet; it is shown in English.": "本课尚未翻译，下面是英文原文。",
        "Experiment {0}": "实验 {0}",
        "This experiment did not run.": "这个实验没有运行。",
        "claim holds: {0}": "断言成立：{0}",
        "claim does not hold: {0}": "断言不成立：{0}",
        "claim not checked with these parameters: {0}": "这组参数无法检查该断言：{0}",
        "yes": "是",
        "no": "否",
        "Exercise {0}": "练习 {0}",
        "Answer in the terminal, then check it:": "在终端里作答，然后检查：",
        "Write it in {0}, then check it:": "在 {0} 中写好，然后检查：",
    ]

    /// `catalog` with the site's words of its language added where it has none.
    static func catalog(_ catalog: MessageCatalog) -> MessageCatalog {
        let words = catalog.language == "zh" ? chinese : [:]
        guard !words.isEmpty else { return catalog }
        return (try? MessageCatalog(language: catalog.language, messages: words.merging(catalog.messages) { $1 })) ?? catalog
    }
}
