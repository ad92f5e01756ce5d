<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja_JP">
<context>
    <name>App</name>
    <message>
        <source>Cannot open the file</source>
        <translation>ファイルを開けません</translation>
    </message>
    <message>
        <source>The demo region generator is not available in this build.</source>
        <translation>この版にはデモ地域の作成機能が含まれていません。</translation>
    </message>
    <message>
        <source>Creating the demo region…</source>
        <translation>デモ地域を作成しています…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Which file do you want to work on?</source>
        <translation>どのファイルで作業しますか?</translation>
    </message>
    <message>
        <source>Open a file…</source>
        <translation>ファイルを開く…</translation>
    </message>
    <message>
        <source>Try the demo region</source>
        <translation>デモ地域を試す</translation>
    </message>
    <message>
        <source>Open a 群マネ Desktop file</source>
        <translation>群マネ Desktop のファイルを開く</translation>
    </message>
</context>
<context>
    <name>AssetDetailPane</name>
    <message>
        <source>Select an asset in the register to see its details, inspection history and measures.</source>
        <translation>台帳で施設を選ぶと、その詳細・点検履歴・措置がここに表示されます。</translation>
    </message>
    <message>
        <source>No inspection recorded yet.</source>
        <translation>点検の記録はまだありません。</translation>
    </message>
    <message>
        <source>No measure recorded.</source>
        <translation>措置の記録はありません。</translation>
    </message>
    <message numerus="yes">
        <source>Inspection history (%n)</source>
        <translation><numerusform>点検履歴 (%n 件)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Measures (%n)</source>
        <translation><numerusform>措置 (%n 件)</numerusform></translation>
    </message>
    <message>
        <source>Next inspection</source>
        <translation>次回点検年度</translation>
    </message>
    <message>
        <source>Latest grade</source>
        <translation>最新判定</translation>
    </message>
    <message>
        <source>Not inspected</source>
        <translation>未点検</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Whole region</source>
        <translation>地域全体</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>Grades of</source>
        <translation>判定の対象</translation>
    </message>
    <message>
        <source>Assets</source>
        <translation>施設数</translation>
    </message>
    <message>
        <source>Click a bar to open those assets in the register.</source>
        <translation>棒をクリックすると、その施設を施設台帳で絞り込んで表示します。</translation>
    </message>
    <message>
        <source>Latest grades by owner</source>
        <translation>管理者別の最新判定</translation>
    </message>
    <message>
        <source>Assets by age</source>
        <translation>経過年数別の施設数</translation>
    </message>
    <message>
        <source>Inspections by fiscal year</source>
        <translation>年度別の点検 (実施・予定・遅れ)</translation>
    </message>
    <message>
        <source>Ⅲ/Ⅳ measures started and completed, by cycle</source>
        <translation>Ⅲ・Ⅳ判定の措置の着手率・完了率 (巡回別)</translation>
    </message>
    <message>
        <source>Most urgent: action required, no measure started</source>
        <translation>要対応: 措置が未着手の施設</translation>
    </message>
    <message>
        <source>The %1 worst first, emergency routes first among equals. Double-click to record a measure.</source>
        <translation>判定の重い順 (同じ判定では緊急輸送道路が先) に %1 件。ダブルクリックで措置を登録します。</translation>
    </message>
    <message>
        <source>Drawn in %1 s</source>
        <translation>描画 %1 秒</translation>
    </message>
    <message>
        <source>Not inspected</source>
        <translation>未点検</translation>
    </message>
    <message>
        <source>%1+</source>
        <translation>%1〜</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>Age (years)</source>
        <translation>経過年数 (年)</translation>
    </message>
    <message>
        <source>now</source>
        <translation>現在</translation>
    </message>
    <message>
        <source>in %1 years</source>
        <translation>%1年後</translation>
    </message>
    <message>
        <source>50 years or older: %1 (of the %2 assets with a known year). Construction year unknown: %3 assets, shown as their own grey bar, never guessed.</source>
        <translation>建設後50年以上: %1 (架設年が分かる %2 施設のうち)。架設年不明の %3 施設は推定せず、灰色の棒で別に示しています。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>実施済</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>予定</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>遅れ・未点検</translation>
    </message>
    <message>
        <source>Fiscal year (年度)</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>%1: %2 inspected, %3 still due, %4 overdue or never inspected.</source>
        <translation>%1: 実施 %2 件、今年度予定の残り %3 件、期限切れまたは未点検 %4 件。</translation>
    </message>
    <message>
        <source>Measure started</source>
        <translation>着手</translation>
    </message>
    <message>
        <source>Measure completed</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Assets judged Ⅲ/Ⅳ (or the scale's equivalent) in each cycle: %1. For comparison, local governments had started 75% and completed 56% of cycle 1 by FY2022.</source>
        <translation>各巡回でⅢ・Ⅳ (他の尺度では相当する区分) と判定された施設: %1。参考: 全国の地方公共団体では、第1巡のⅢ・Ⅳ橋梁の 75% が着手、56% が完了 (令和4年度末)。</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>All owners</source>
        <translation>すべての管理者</translation>
    </message>
    <message>
        <source>Owner (管理者)</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>すべての施設種別</translation>
    </message>
    <message>
        <source>%1 (all)</source>
        <translation>%1 (すべて)</translation>
    </message>
    <message>
        <source>Search name, route, ID, location</source>
        <translation>名称・路線名・施設ID・所在地で検索</translation>
    </message>
    <message>
        <source>Include retired</source>
        <translation>廃止・撤去済も表示</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>施設種別</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>All grades</source>
        <translation>すべての判定</translation>
    </message>
    <message>
        <source>Not inspected yet</source>
        <translation>未点検</translation>
    </message>
</context>
<context>
    <name>InspectionForm</name>
    <message>
        <source>e.g. R6.6.15, 令和6年6月15日, 2024-06-15</source>
        <translation>例: R6.6.15、令和6年6月15日、2024-06-15</translation>
    </message>
    <message>
        <source>Add member row</source>
        <translation>部材の行を追加</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>行を削除</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Inspected on</source>
        <translation>点検日</translation>
    </message>
    <message>
        <source>Next inspection</source>
        <translation>次回点検年度</translation>
    </message>
    <message>
        <source>Inspecting organisation</source>
        <translation>点検者 (団体)</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>点検者</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>点検方法</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>所見</translation>
    </message>
    <message>
        <source>Members (optional)</source>
        <translation>部材ごとの所見 (任意)</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>写真</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 選んでください —</translation>
    </message>
    <message>
        <source>Enter the inspection date.</source>
        <translation>点検日を入力してください</translation>
    </message>
    <message>
        <source>Choose the grade.</source>
        <translation>判定区分を選んでください</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>%1 行目: %2</translation>
    </message>
    <message>
        <source>Read as %1</source>
        <translation>読み取り: %1</translation>
    </message>
    <message>
        <source>No statutory cycle for this type</source>
        <translation>この施設種別には定期点検の周期がありません</translation>
    </message>
    <message>
        <source>%1 (every %2 years), by %3</source>
        <translation>%1 (%2年ごと)、%3 まで</translation>
    </message>
    <message>
        <source>already overdue</source>
        <translation>すでに期限切れ</translation>
    </message>
</context>
<context>
    <name>InspectionHistoryModel</name>
    <message>
        <source>Inspected on</source>
        <translation>点検日</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>点検方法</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>点検者</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>所見</translation>
    </message>
</context>
<context>
    <name>InspectionPage</name>
    <message>
        <source>Select an asset in the register (施設台帳) first; its new inspection is entered here.</source>
        <translation>まず施設台帳で施設を選んでください。その施設の新しい点検結果をここで入力します。</translation>
    </message>
    <message>
        <source>Choose another asset…</source>
        <translation>別の施設を選ぶ…</translation>
    </message>
    <message>
        <source>Save inspection</source>
        <translation>点検結果を保存</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>入力を消去</translation>
    </message>
    <message>
        <source>Unsaved inspection</source>
        <translation>未保存の点検結果</translation>
    </message>
    <message>
        <source>The inspection of %1 is not saved. Discard it and enter one for the asset chosen in the register?</source>
        <translation>「%1」の点検結果はまだ保存されていません。入力を破棄して、台帳で選んだ施設の入力に移りますか?</translation>
    </message>
    <message>
        <source>Saved: %1, %2 photo(s).</source>
        <translation>保存しました: %1、写真 %2 枚。</translation>
    </message>
    <message>
        <source>Not saved: please correct the fields marked in red.</source>
        <translation>保存していません。赤字で示した項目を直してください。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>点検</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>措置</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地図</translation>
    </message>
    <message>
        <source>Assets on a map, coloured by grade.</source>
        <translation>施設を地図上に判定区分の色で表示。</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>契約</translation>
    </message>
    <message>
        <source>Bundled maintenance contracts across towns: orderers, contractor, scope.</source>
        <translation>複数の団体による包括的な維持管理契約 (発注者・受注者・対象範囲)。</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>計画</translation>
    </message>
    <message>
        <source>Long-life repair plans (長寿命化修繕計画) over ten fiscal years.</source>
        <translation>10か年の長寿命化修繕計画。</translation>
    </message>
    <message>
        <source>Data exchange</source>
        <translation>データ交換</translation>
    </message>
    <message>
        <source>Exchanging files with the prefecture and other towns: export, preview, apply, conflicts.</source>
        <translation>県や他の市町村とのファイル交換 (書き出し・取り込み前の確認・反映・競合の解決)。</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>帳票</translation>
    </message>
    <message>
        <source>PDF reports for the council and the subsidy application.</source>
        <translation>議会説明資料や補助金申請のための PDF 帳票。</translation>
    </message>
    <message>
        <source>Asset register</source>
        <translation>施設台帳</translation>
    </message>
    <message>
        <source>Comes with version %1</source>
        <translation>バージョン %1 で対応予定</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>開く(&amp;O)…</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>終了(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About 群マネ Desktop</source>
        <translation>バージョン情報(&amp;A)</translation>
    </message>
    <message>
        <source>%1 of %2 assets</source>
        <translation>%1 件 / 全 %2 件</translation>
    </message>
    <message>
        <source>Open a 群マネ Desktop file</source>
        <translation>群マネ Desktop のファイルを開く</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>The new language is used from the next start of 群マネ Desktop.</source>
        <translation>新しい言語は、群マネ Desktop を次に起動したときから使われます。</translation>
    </message>
    <message>
        <source>About 群マネ Desktop</source>
        <translation>群マネ Desktop について</translation>
    </message>
    <message>
        <source>&lt;h3&gt;群マネ Desktop %1&lt;/h3&gt;&lt;p&gt;Asset register, inspections and regional exchange for small municipalities.&lt;/p&gt;&lt;p&gt;File: %2&lt;br&gt;Schema version: %3&lt;/p&gt;&lt;p&gt;Font: BIZ UDGothic, SIL Open Font License 1.1.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;群マネ Desktop %1&lt;/h3&gt;&lt;p&gt;小規模自治体のための施設台帳・点検管理・広域連携のソフトウェアです。&lt;/p&gt;&lt;p&gt;ファイル: %2&lt;br&gt;スキーマの版: %3&lt;/p&gt;&lt;p&gt;フォント: BIZ UDゴシック (SIL Open Font License 1.1)&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MeasureForm</name>
    <message>
        <source>Mark started</source>
        <translation>着手にする</translation>
    </message>
    <message>
        <source>Mark completed</source>
        <translation>完了にする</translation>
    </message>
    <message>
        <source>e.g. 令和8年度, R8, 2026</source>
        <translation>例: 令和8年度、R8、2026</translation>
    </message>
    <message>
        <source>e.g. R6.6.15, 2024-06-15</source>
        <translation>例: R6.6.15、2024-06-15</translation>
    </message>
    <message>
        <source>yen, e.g. 4,500,000 or 4,500千円</source>
        <translation>円 (例: 4,500,000 または 4,500千円)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>対策内容</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Triggered by</source>
        <translation>契機の点検</translation>
    </message>
    <message>
        <source>Planned (FY)</source>
        <translation>予定年度</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>着手日</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>完了日</translation>
    </message>
    <message>
        <source>Estimated cost</source>
        <translation>概算費用</translation>
    </message>
    <message>
        <source>Actual cost</source>
        <translation>実績費用</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— なし —</translation>
    </message>
    <message>
        <source>A started measure needs its start date.</source>
        <translation>着手した措置には着手日が必要です</translation>
    </message>
</context>
<context>
    <name>MeasureListModel</name>
    <message>
        <source>Owner</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>施設</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>対策内容</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Triggered by</source>
        <translation>契機の点検</translation>
    </message>
    <message>
        <source>Planned (FY)</source>
        <translation>予定年度</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>着手日</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>完了日</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>費用</translation>
    </message>
    <message>
        <source>%1 (estimate)</source>
        <translation>%1 (概算)</translation>
    </message>
</context>
<context>
    <name>MeasureTableModel</name>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>対策内容</translation>
    </message>
    <message>
        <source>Planned (FY)</source>
        <translation>予定年度</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>着手日</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>完了日</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>費用</translation>
    </message>
    <message>
        <source>%1 (estimate)</source>
        <translation>%1 (概算)</translation>
    </message>
</context>
<context>
    <name>MeasuresPage</name>
    <message>
        <source>All owners</source>
        <translation>すべての管理者</translation>
    </message>
    <message>
        <source>Only measures not yet completed</source>
        <translation>未完了の措置のみ</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>New measure for this asset</source>
        <translation>この施設に新しい措置を登録</translation>
    </message>
    <message>
        <source>Save measure</source>
        <translation>措置を保存</translation>
    </message>
    <message>
        <source>Choose a flagged asset to plan its measure, or a measure to advance it.</source>
        <translation>措置が未着手の施設を選ぶと措置を計画でき、措置を選ぶと進捗を更新できます。</translation>
    </message>
    <message>
        <source>Ⅲ/Ⅳ assets without a started measure: %1 (★ emergency route)</source>
        <translation>措置が未着手のⅢ・Ⅳ判定の施設: %1 件 (★ 緊急輸送道路)</translation>
    </message>
    <message>
        <source>Measures: %1</source>
        <translation>措置の一覧: %1 件</translation>
    </message>
    <message>
        <source>Not inspected</source>
        <translation>未点検</translation>
    </message>
    <message>
        <source>Not saved: please correct the fields marked in red.</source>
        <translation>保存していません。赤字で示した項目を直してください。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>保存しました。</translation>
    </message>
</context>
<context>
    <name>MemberTableModel</name>
    <message>
        <source>Member</source>
        <translation>部材</translation>
    </message>
    <message>
        <source>Damage type</source>
        <translation>損傷の種類</translation>
    </message>
    <message>
        <source>Degree (a–e)</source>
        <translation>損傷程度 (a-e)</translation>
    </message>
    <message>
        <source>Member grade</source>
        <translation>部材の判定</translation>
    </message>
    <message>
        <source>Countermeasure class</source>
        <translation>対策区分</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備考</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <source>Double-click a photo to see it full size.</source>
        <translation>写真をダブルクリックすると原寸で表示します。</translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation>写真を追加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>or drop image files here</source>
        <translation>または画像ファイルをここにドロップ</translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation>写真を追加</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This page comes with version %1.</source>
        <translation>この画面はバージョン %1 で追加される予定です。</translation>
    </message>
    <message>
        <source>In this version, use the asset register (施設台帳).</source>
        <translation>この版では「施設台帳」をお使いください。</translation>
    </message>
</context>
<context>
    <name>PreviousInspectionPanel</name>
    <message>
        <source>Previous inspection</source>
        <translation>前回の点検</translation>
    </message>
    <message>
        <source>No inspection recorded yet.</source>
        <translation>点検の記録はまだありません。</translation>
    </message>
    <message>
        <source>Grade over time</source>
        <translation>判定の推移</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Inspected on</source>
        <translation>点検日</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>点検方法</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>点検者</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>所見</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>部材</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>写真</translation>
    </message>
    <message numerus="yes">
        <source>Previous inspection (%n on record)</source>
        <translation><numerusform>前回の点検 (記録 %n 件)</numerusform></translation>
    </message>
</context>
<context>
    <name>RegisterTableModel</name>
    <message>
        <source>Owner</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>施設種別</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路線名</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>所在地</translation>
    </message>
    <message>
        <source>Built</source>
        <translation>架設年</translation>
    </message>
    <message>
        <source>Length (m)</source>
        <translation>延長・橋長 (m)</translation>
    </message>
    <message>
        <source>Latest grade</source>
        <translation>最新判定</translation>
    </message>
    <message>
        <source>Inspected (FY)</source>
        <translation>点検年度</translation>
    </message>
    <message>
        <source>Next due (FY)</source>
        <translation>次回点検年度</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>措置</translation>
    </message>
    <message>
        <source>Not inspected</source>
        <translation>未点検</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未着手</translation>
    </message>
</context>
<context>
    <name>UrgentItemsModel</name>
    <message>
        <source>Grade</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>施設種別</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Inspected on</source>
        <translation>点検日</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>措置</translation>
    </message>
    <message>
        <source>Emergency route</source>
        <translation>緊急輸送道路</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未着手</translation>
    </message>
    <message>
        <source>Planned only</source>
        <translation>計画のみ</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>○</translation>
    </message>
</context>
<context>
    <name>WaitingAssetsModel</name>
    <message>
        <source>Grade</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>施設種別</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Inspected on</source>
        <translation>点検日</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>措置</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未着手</translation>
    </message>
    <message>
        <source>Planned only</source>
        <translation>計画のみ</translation>
    </message>
    <message>
        <source>Emergency route</source>
        <translation>緊急輸送道路</translation>
    </message>
</context>
</TS>