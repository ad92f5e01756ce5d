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
    <name>MainWindow</name>
    <message>
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <source>Counts by grade and owner, inspections due this fiscal year, and the share of Ⅲ/Ⅳ assets whose measures have started.</source>
        <translation>判定区分・管理者ごとの集計、今年度の点検予定、Ⅲ・Ⅳ判定の施設のうち措置に着手した割合。</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>点検</translation>
    </message>
    <message>
        <source>Recording inspections and corrections, with member findings and photos.</source>
        <translation>点検結果と訂正の登録 (部材ごとの所見・写真を含む)。</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>措置</translation>
    </message>
    <message>
        <source>Planning and tracking repairs, closures and removals, with costs.</source>
        <translation>補修・通行規制・撤去などの措置の計画と進捗、費用の管理。</translation>
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
</TS>