<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja_JP">
<context>
    <name>App</name>
    <message>
        <source>Cannot restore the backup</source>
        <translation>バックアップから復元できません</translation>
    </message>
    <message>
        <source>Cannot open the file</source>
        <translation>ファイルを開けません</translation>
    </message>
    <message>
        <source>Restored from %1.</source>
        <translation>%1 から復元しました。</translation>
    </message>
    <message>
        <source>The file is damaged</source>
        <translation>ファイルが壊れています</translation>
    </message>
    <message>
        <source>%1 failed the damage check. Stop editing it and restore a backup, or send the file to whoever supports you.</source>
        <translation>%1 は破損チェックで問題が見つかりました。編集をやめてバックアップから復元するか、ファイルを支援者に送ってください。</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>バックアップから復元…</translation>
    </message>
    <message>
        <source>Today's backup: %1</source>
        <translation>本日のバックアップ: %1</translation>
    </message>
    <message>
        <source>Today's backup could not be taken: %1</source>
        <translation>本日のバックアップを作成できませんでした: %1</translation>
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
        <source>Owner</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>施設種別</translation>
    </message>
    <message>
        <source>Asset ID</source>
        <translation>施設ID</translation>
    </message>
    <message>
        <source>Name (kana)</source>
        <translation>名称かな</translation>
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
        <source>Width (m)</source>
        <translation>幅員 (m)</translation>
    </message>
    <message>
        <source>Area (m²)</source>
        <translation>面積 (m²)</translation>
    </message>
    <message>
        <source>Asset status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Structure and form</source>
        <translation>構造・形式</translation>
    </message>
    <message>
        <source>Latitude, longitude</source>
        <translation>緯度・経度</translation>
    </message>
    <message>
        <source>Next inspection</source>
        <translation>次回点検年度</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>as written: %1</source>
        <translation>原文「%1」</translation>
    </message>
    <message>
        <source>Latest grade</source>
        <translation>最新判定</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>Emergency route</source>
        <translation>緊急輸送道路</translation>
    </message>
    <message>
        <source>Over a railway</source>
        <translation>跨線橋</translation>
    </message>
    <message>
        <source>Over a road</source>
        <translation>跨道橋</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>供用中</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>供用廃止</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>撤去済</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Not inspected</source>
        <translation>未点検</translation>
    </message>
</context>
<context>
    <name>AssetForm</name>
    <message>
        <source>New asset</source>
        <translation>施設の新規登録</translation>
    </message>
    <message>
        <source>Edit asset — %1</source>
        <translation>施設の編集 — %1</translation>
    </message>
    <message>
        <source>e.g. S45, 昭和45年, 1970, 不明</source>
        <translation>例: S45、昭和45年、1970、不明</translation>
    </message>
    <message>
        <source>e.g. BR0-011002-00001</source>
        <translation>例: BR0-011002-00001</translation>
    </message>
    <message>
        <source>decimal degrees, e.g. 36.3912</source>
        <translation>10進数の度 (例: 36.3912)</translation>
    </message>
    <message>
        <source>decimal degrees, e.g. 139.0608</source>
        <translation>10進数の度 (例: 139.0608)</translation>
    </message>
    <message>
        <source>Emergency transport route (緊急輸送道路)</source>
        <translation>緊急輸送道路</translation>
    </message>
    <message>
        <source>Over a railway (跨線橋)</source>
        <translation>跨線橋</translation>
    </message>
    <message>
        <source>Over a road (跨道橋)</source>
        <translation>跨道橋</translation>
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
        <source>Name (kana)</source>
        <translation>名称かな</translation>
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
        <source>Facility ID</source>
        <translation>施設ID</translation>
    </message>
    <message>
        <source>Built (year)</source>
        <translation>架設年・建設年</translation>
    </message>
    <message>
        <source>Length (m)</source>
        <translation>延長・橋長 (m)</translation>
    </message>
    <message>
        <source>Width (m)</source>
        <translation>幅員 (m)</translation>
    </message>
    <message>
        <source>Area (m²)</source>
        <translation>面積 (m²)</translation>
    </message>
    <message>
        <source>Structure / form</source>
        <translation>構造・形式</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>緯度</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>経度</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>区分</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Retire…</source>
        <translation>廃止…</translation>
    </message>
    <message>
        <source>供用廃止 or 撤去: the asset stays in the file with its history.</source>
        <translation>供用廃止または撤去: 施設は履歴とともにファイルに残ります。</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状態: %1</translation>
    </message>
    <message>
        <source>Fields of %1</source>
        <translation>%1の項目</translation>
    </message>
    <message>
        <source>This type has no fields of its own.</source>
        <translation>この施設種別に固有の項目はありません。</translation>
    </message>
    <message>
        <source>— not recorded —</source>
        <translation>— 未記録 —</translation>
    </message>
    <message>
        <source>e.g. H3, 1991</source>
        <translation>例: H3、1991</translation>
    </message>
    <message>
        <source>Choose the owner.</source>
        <translation>管理者を選んでください。</translation>
    </message>
    <message>
        <source>Enter a number, e.g. 12.5.</source>
        <translation>数値を入力してください (例: 12.5)。</translation>
    </message>
    <message>
        <source>Facility ID %1 is already used by “%2”.</source>
        <translation>施設ID %1 は「%2」で使われています。</translation>
    </message>
    <message>
        <source>Not saved: please correct the fields marked in red.</source>
        <translation>保存していません。赤字で示した項目を直してください。</translation>
    </message>
    <message>
        <source>Not saved: the file could not be written (%1).</source>
        <translation>保存できませんでした: ファイルに書き込めません (%1)。</translation>
    </message>
</context>
<context>
    <name>BackgroundTask</name>
    <message>
        <source>Unexpected error (%1). Details are in the log.</source>
        <translation>予期しないエラーが発生しました (%1)。詳細はログに記録されています。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>中止しています…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>バックアップから復元</translation>
    </message>
    <message>
        <source>%1 is damaged. Restore the newest sound backup (it is selected) and redo the work done since it was taken.</source>
        <translation>%1 は壊れています。問題のない最新のバックアップ (選択済み) から復元し、それ以降に行った作業をやり直してください。</translation>
    </message>
    <message>
        <source>Backups of %1 are taken every day it is opened and before every import; the newest %2 are kept in %3.</source>
        <translation>%1 のバックアップは、毎日最初に開いたときと取り込みの前に自動で作られます。新しいものから %2 件を %3 に保管しています。</translation>
    </message>
    <message>
        <source>There are no backups of this file yet.</source>
        <translation>このファイルのバックアップはまだありません。</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>今すぐバックアップ</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>復元…</translation>
    </message>
    <message>
        <source>No backup passes the check: send the file to whoever supports you.</source>
        <translation>問題のないバックアップがありません。ファイルを支援者に送ってください。</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>バックアップできませんでした: %1</translation>
    </message>
    <message>
        <source>Backed up to %1.</source>
        <translation>%1 にバックアップしました。</translation>
    </message>
    <message>
        <source>Replace the damaged file %1 with the backup of %2?

The damaged file is kept in %3 for whoever supports you.</source>
        <translation>壊れたファイル %1 を %2 のバックアップで置き換えますか?

壊れたファイルは、支援者が調べられるよう %3 に残します。</translation>
    </message>
    <message>
        <source>Restore %1 to its state of %2?

The current file is itself backed up first ("Before a restore"), so you can come back to it from this list.</source>
        <translation>%1 を %2 の状態に戻しますか?

今のファイルは先にバックアップ (「復元前」) されるので、この一覧からいつでも元に戻せます。</translation>
    </message>
</context>
<context>
    <name>BackupListModel</name>
    <message>
        <source>Taken (和暦)</source>
        <translation>作成日時 (和暦)</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>作成日時 (西暦)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Daily, when the file was opened</source>
        <translation>毎日の自動バックアップ (ファイルを開いたとき)</translation>
    </message>
    <message>
        <source>Backed up by hand</source>
        <translation>手動で作成</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>復元前</translation>
    </message>
    <message>
        <source>Before a ledger import</source>
        <translation>台帳の取り込みの前</translation>
    </message>
    <message>
        <source>Before an exchange import</source>
        <translation>データ交換の取り込みの前</translation>
    </message>
</context>
<context>
    <name>BulkEditDialog</name>
    <message numerus="yes">
        <source>Edit %n assets</source>
        <translation><numerusform>%n 件の施設を一括編集</numerusform></translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路線名</translation>
    </message>
    <message>
        <source>Emergency transport route (緊急輸送道路)</source>
        <translation>緊急輸送道路</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>e.g. 町道中央線</source>
        <translation>例: 町道中央線</translation>
    </message>
    <message>
        <source>Yes: on an emergency transport route</source>
        <translation>指定あり (緊急輸送道路)</translation>
    </message>
    <message>
        <source>No</source>
        <translation>指定なし</translation>
    </message>
    <message>
        <source>Add as a new line (keep the present notes)</source>
        <translation>新しい行として追加 (今の備考は残す)</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新しい値</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Choose at most %1 assets for one bulk edit.</source>
        <translation>一括編集で選べるのは %1 件までです。</translation>
    </message>
    <message>
        <source>Type the new value.</source>
        <translation>新しい値を入力してください。</translation>
    </message>
    <message>
        <source>%1 of the %2 selected assets will change.</source>
        <translation>選択した %2 件のうち %1 件が変更されます。</translation>
    </message>
    <message numerus="yes">
        <source>Change %n assets</source>
        <translation><numerusform>%n 件を変更</numerusform></translation>
    </message>
    <message>
        <source>Nothing was changed: %1</source>
        <translation>変更しませんでした: %1</translation>
    </message>
</context>
<context>
    <name>BundlingPanel</name>
    <message>
        <source> ten-thousand yen</source>
        <translation> 万円</translation>
    </message>
    <message>
        <source>Include Ⅲ/Ⅳ repairs not yet started</source>
        <translation>未着手のⅢ・Ⅳ判定の修繕も含める</translation>
    </message>
    <message>
        <source>Propose lots</source>
        <translation>ロット案を作成</translation>
    </message>
    <message>
        <source>Convert to a draft contract</source>
        <translation>下書き契約に変換</translation>
    </message>
    <message>
        <source>Choose the fiscal year and press Propose lots.</source>
        <translation>年度を選び「ロット案を作成」を押してください。</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Target per lot</source>
        <translation>1ロットの目標額</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>経度</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>緯度</translation>
    </message>
    <message>
        <source>Proposing lots…</source>
        <translation>ロット案を作成しています…</translation>
    </message>
    <message>
        <source>No proposal: %1</source>
        <translation>ロット案を作成できませんでした: %1</translation>
    </message>
    <message>
        <source>Ordering</source>
        <translation>発注の方法</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>契約</translation>
    </message>
    <message>
        <source>Travel (km)</source>
        <translation>移動距離 (km)</translation>
    </message>
    <message>
        <source>Mobilisation (yen)</source>
        <translation>諸経費 (円)</translation>
    </message>
    <message>
        <source>Staff hours</source>
        <translation>発注事務 (時間)</translation>
    </message>
    <message>
        <source>Proposed lots</source>
        <translation>ロット案 (共同発注)</translation>
    </message>
    <message>
        <source>One per town</source>
        <translation>団体ごとに発注</translation>
    </message>
    <message>
        <source>Nothing is due in %1.</source>
        <translation>%1年度に予定される点検・修繕はありません。</translation>
    </message>
    <message>
        <source>%1 lots for %2 items of work (%3 yen); one contract per town would make %4.</source>
        <translation>作業 %2 件 (概算 %3 円) を %1 ロットにまとめました。団体ごとに発注すると %4 件の契約になります。</translation>
    </message>
    <message>
        <source>%1 assets without coordinates were placed at their owner's centre.</source>
        <translation>座標のない施設 %1 件は管理者の中心位置に置きました。</translation>
    </message>
    <message>
        <source>Lot %1</source>
        <translation>ロット%1</translation>
    </message>
    <message>
        <source>Saved the draft contract “%1”.</source>
        <translation>下書き契約「%1」を保存しました。</translation>
    </message>
</context>
<context>
    <name>CandidateModel</name>
    <message>
        <source>Owner</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>施設</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>施設種別</translation>
    </message>
    <message>
        <source>Grade now</source>
        <translation>現在の判定</translation>
    </message>
    <message>
        <source>Detour</source>
        <translation>迂回路</translation>
    </message>
    <message>
        <source>Keeping (thousand yen)</source>
        <translation>維持費 (千円)</translation>
    </message>
    <message>
        <source>Removal (thousand yen)</source>
        <translation>撤去費 (千円)</translation>
    </message>
    <message>
        <source>Saving (thousand yen)</source>
        <translation>縮減額 (千円)</translation>
    </message>
    <message>
        <source>available</source>
        <translation>あり</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
</context>
<context>
    <name>ChoicePage</name>
    <message>
        <source>Welcome to 群マネ Desktop</source>
        <translation>群マネ Desktop へようこそ</translation>
    </message>
    <message>
        <source>There is no file to open yet. What would you like to do?</source>
        <translation>開くファイルがまだありません。どうしますか?</translation>
    </message>
    <message>
        <source>Try the demo region (a prefecture and four made-up towns)</source>
        <translation>デモ地域を試す (架空の県と4つの市町村)</translation>
    </message>
    <message>
        <source>Create the file of my town, city or prefecture</source>
        <translation>自分の市区町村 (または都道府県) のファイルを新しく作る</translation>
    </message>
    <message>
        <source>Open a file I already have…</source>
        <translation>手元にあるファイルを開く…</translation>
    </message>
</context>
<context>
    <name>CompletionDialog</name>
    <message>
        <source>Work completed</source>
        <translation>作業の完了</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>通報</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>作業指示</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>完了日</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>対応時間</translation>
    </message>
    <message>
        <source>Work done</source>
        <translation>作業内容</translation>
    </message>
    <message>
        <source>%1 h after the request was received</source>
        <translation>受付から %1 時間</translation>
    </message>
    <message>
        <source>Completion cannot be before the request was received (%1).</source>
        <translation>完了日時が通報の受付 (%1) より前になっています。</translation>
    </message>
    <message>
        <source>Completion cannot be before the work was ordered (%1).</source>
        <translation>完了日時が作業指示 (%1) より前になっています。</translation>
    </message>
    <message>
        <source>Completion cannot be in the future.</source>
        <translation>完了日時に未来の日時は入力できません。</translation>
    </message>
</context>
<context>
    <name>ConflictFieldsModel</name>
    <message>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>This file (ours)</source>
        <translation>このファイル (自団体)</translation>
    </message>
    <message>
        <source>Received (theirs)</source>
        <translation>受信したもの (相手)</translation>
    </message>
</context>
<context>
    <name>ConflictListModel</name>
    <message>
        <source>No.</source>
        <translation>番号</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>From</source>
        <translation>送信元</translation>
    </message>
    <message>
        <source>Differing fields</source>
        <translation>異なる項目</translation>
    </message>
</context>
<context>
    <name>ConflictMergeModel</name>
    <message>
        <source>Common base</source>
        <extracomment>Typing a value of one's own is offered for plain values, not for the tombstone flag, the per-type JSON or references to other rows and the catalogue (those are picked, not typed).</extracomment>
        <translation>共通の元の値</translation>
    </message>
    <message>
        <source>Your value</source>
        <translation>入力した値</translation>
    </message>
    <message>
        <source>%1: "%2" is not a whole number; nothing was written.</source>
        <translation>%1: 「%2」は整数ではありません。何も書き込んでいません。</translation>
    </message>
    <message>
        <source>%1: "%2" is not a number; nothing was written.</source>
        <translation>%1: 「%2」は数値ではありません。何も書き込んでいません。</translation>
    </message>
    <message>
        <source>Type a value of your own to use instead of ours or theirs.</source>
        <translation>自団体・相手のどちらでもない値を使うときは、ここに入力してください。</translation>
    </message>
</context>
<context>
    <name>ConflictView</name>
    <message>
        <source>Keep ours</source>
        <translation>自団体の値を残す</translation>
    </message>
    <message>
        <source>Keep this file's version; it is sent onward as a new edit.</source>
        <translation>このファイルの内容を残します。次の送信で新しい変更として伝わります。</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>受信した値を採用</translation>
    </message>
    <message>
        <source>Take the received version; it is sent onward as a new edit.</source>
        <translation>受信した内容を採用します。次の送信で新しい変更として伝わります。</translation>
    </message>
    <message>
        <source>Merge the chosen values…</source>
        <translation>選んだ値で統合…</translation>
    </message>
    <message>
        <source>Tick ours or theirs for each differing field, or type a value of your own; the merged row is sent onward as a new edit.</source>
        <translation>異なる項目ごとに自団体か相手の値にチェックを付けるか、値を入力してください。統合した行は新しい変更として送られます。</translation>
    </message>
    <message>
        <source>No open conflicts.</source>
        <translation>未解決の競合はありません。</translation>
    </message>
    <message>
        <source>Choose a conflict to compare.</source>
        <translation>比べる競合を選んでください。</translation>
    </message>
    <message>
        <source>%1 %2 changed here and at %3 (%4). Differing fields are highlighted.</source>
        <translation>%1「%2」がこちらと %3 の両方で変更されました (%4)。異なる項目を強調しています。</translation>
    </message>
    <message>
        <source>Merge the chosen values</source>
        <translation>選んだ値で統合</translation>
    </message>
    <message>
        <source>Resolve conflict %1 with these values? The merged row is sent onward as a new edit.</source>
        <translation>競合 %1 を次の値で解決しますか? 統合した行は新しい変更として送られます。</translation>
    </message>
</context>
<context>
    <name>ContractDialog</name>
    <message>
        <source>New contract</source>
        <translation>新しい契約</translation>
    </message>
    <message>
        <source>e.g. 橋梁定期点検業務 (共同発注)</source>
        <translation>例: 橋梁定期点検業務 (共同発注)</translation>
    </message>
    <message>
        <source>e.g. R9-道路-1</source>
        <translation>例: R9-道路-1</translation>
    </message>
    <message>
        <source>Orderer</source>
        <translation>発注者</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>負担割合</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>幹事</translation>
    </message>
    <message>
        <source>Selected assets</source>
        <translation>選択した施設</translation>
    </message>
    <message>
        <source>By assets owned in the scope</source>
        <translation>対象施設数で按分</translation>
    </message>
    <message>
        <source>Fixed ratio</source>
        <translation>負担割合で按分</translation>
    </message>
    <message>
        <source>(not decided yet)</source>
        <translation>(未定)</translation>
    </message>
    <message>
        <source>yen, e.g. 148,500,000 or 14,850万円</source>
        <translation>円 (例: 148,500,000 / 14,850万円)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Contract number</source>
        <translation>契約番号</translation>
    </message>
    <message>
        <source>Orderers</source>
        <translation>発注者</translation>
    </message>
    <message>
        <source>Cost shares</source>
        <translation>費用負担</translation>
    </message>
    <message>
        <source>Contractor</source>
        <translation>受注者</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Payment form</source>
        <translation>支払方式</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>業務内容</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>契約額</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Scope: %1 assets of %2 organisations</source>
        <translation>対象施設: %2 団体の %1 件</translation>
    </message>
    <message>
        <source> (representative)</source>
        <translation> (代表者)</translation>
    </message>
    <message>
        <source>Members: %1</source>
        <translation>構成員: %1</translation>
    </message>
    <message>
        <source>Enter the amount to see each orderer's share.</source>
        <translation>契約額を入力すると発注者ごとの負担額を表示します。</translation>
    </message>
    <message>
        <source>Shares: %1</source>
        <translation>負担額: %1</translation>
    </message>
    <message>
        <source>Enter the contract number.</source>
        <translation>契約番号を入力してください。</translation>
    </message>
    <message>
        <source>Choose the lead orderer.</source>
        <translation>幹事団体を選んでください。</translation>
    </message>
    <message>
        <source>The owners of selected assets must order: %1</source>
        <translation>選択した施設の管理者は発注者に含めてください: %1</translation>
    </message>
    <message>
        <source>Shares by assets owned need selected assets.</source>
        <translation>対象施設数で按分するには施設を選択してください。</translation>
    </message>
</context>
<context>
    <name>ContractDocumentsPanel</name>
    <message>
        <source>Attach a document…</source>
        <translation>書類を添付…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <source>Take the selected document off the contract.</source>
        <translation>選択した書類を契約から外します。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Size (KB)</source>
        <translation>サイズ (KB)</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>not received yet</source>
        <translation>未受信</translation>
    </message>
    <message>
        <source>%1: files over 50 MB cannot be attached.</source>
        <translation>%1: 50 MB を超えるファイルは添付できません。</translation>
    </message>
    <message>
        <source>%1: the file cannot be read.</source>
        <translation>%1: ファイルを読み込めません。</translation>
    </message>
    <message>
        <source>Attached %1 document(s).</source>
        <translation>書類を %1 件添付しました。</translation>
    </message>
    <message>
        <source>Attach documents to the contract</source>
        <translation>契約に書類を添付</translation>
    </message>
    <message>
        <source>Remove a document</source>
        <translation>書類の削除</translation>
    </message>
    <message>
        <source>Remove %1 from the contract? It can be undone from the Edit menu.</source>
        <translation>%1 を契約から削除しますか? 「編集」メニューの「元に戻す」で取り消せます。</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 を削除しました。</translation>
    </message>
    <message>
        <source>%1 is not stored in this file.</source>
        <translation>%1 はこのファイルに保存されていません。</translation>
    </message>
    <message>
        <source>Cannot write a copy to open: %1</source>
        <translation>開くためのコピーを書き出せません: %1</translation>
    </message>
    <message>
        <source>No program opens %1; the copy is at %2.</source>
        <translation>%1 を開くプログラムがありません。コピーは %2 にあります。</translation>
    </message>
</context>
<context>
    <name>ContractEffectsTab</name>
    <message>
        <source>Ordering staff hours</source>
        <translation>発注事務の時間</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>All contracts in force: failed tenders %1 (%2 of %3); requests fixed within %4 h: %5; indicator periods met: %6 (%7 of %8). Staff hours per contract are the bundling assistant's estimates.</source>
        <translation>有効な全契約: 不調・不落率 %1 (%3 件中 %2 件)、%4 時間以内の対応率 %5、性能指標の達成率 %6 (%8 期間中 %7 期間)。発注事務の時間はロット提案と同じ推定値です。</translation>
    </message>
    <message>
        <source>Bundled contracts</source>
        <translation>群マネ契約数</translation>
    </message>
    <message>
        <source>Separate contracts replaced</source>
        <translation>置き換えた個別契約数</translation>
    </message>
    <message>
        <source>Tenders</source>
        <translation>入札</translation>
    </message>
    <message>
        <source>Failed tenders</source>
        <translation>不調・不落</translation>
    </message>
    <message>
        <source>Staff hours (bundled)</source>
        <translation>発注事務 (群マネ, 時間)</translation>
    </message>
    <message>
        <source>Staff hours (separate)</source>
        <translation>発注事務 (個別, 時間)</translation>
    </message>
    <message>
        <source>Separate contracts</source>
        <translation>個別発注</translation>
    </message>
    <message>
        <source>Bundled</source>
        <translation>群マネ (共同発注)</translation>
    </message>
</context>
<context>
    <name>ContractKpisTab</name>
    <message>
        <source>Record a measurement…</source>
        <translation>測定値を記録…</translation>
    </message>
    <message>
        <source>Compute from records</source>
        <translation>記録から計算</translation>
    </message>
    <message>
        <source>Work out the selected indicator for its period from requests, work orders or inspections.</source>
        <translation>選択した指標の値を、住民通報・作業指示・点検の記録からその期間について計算します。</translation>
    </message>
    <message>
        <source>Recorded %1 for %2.</source>
        <translation>%2 の値 %1 を記録しました。</translation>
    </message>
    <message>
        <source>Nothing to count for %1 in %2.</source>
        <translation>%2 の「%1」を計算する記録がありません。</translation>
    </message>
</context>
<context>
    <name>ContractListModel</name>
    <message>
        <source>No.</source>
        <extracomment>One colour per lot on the map and in the lot list (repeats after ten lots).</extracomment>
        <translation>番号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Orderers</source>
        <translation>発注者</translation>
    </message>
    <message>
        <source>Contractor</source>
        <translation>受注者</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Amount (yen)</source>
        <translation>契約額 (円)</translation>
    </message>
    <message>
        <source>(not awarded)</source>
        <translation>(未契約)</translation>
    </message>
</context>
<context>
    <name>ContractNames</name>
    <message>
        <source>Draft</source>
        <extracomment>Document kinds as the town files them (stored as written: the kind is data, not a code).</extracomment>
        <translation>起案中</translation>
    </message>
    <message>
        <source>Out to tender</source>
        <translation>入札中</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>履行中</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>Lump sum</source>
        <translation>総価</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>単価</translation>
    </message>
    <message>
        <source>Lump sum and unit price</source>
        <translation>総価・単価併用</translation>
    </message>
    <message>
        <source>Patrol</source>
        <translation>巡回</translation>
    </message>
    <message>
        <source>Cleaning</source>
        <translation>清掃</translation>
    </message>
    <message>
        <source>Pavement repair</source>
        <translation>舗装補修</translation>
    </message>
    <message>
        <source>Snow removal</source>
        <translation>除雪</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>点検</translation>
    </message>
    <message>
        <source>Repair design</source>
        <translation>補修設計</translation>
    </message>
    <message>
        <source>Works</source>
        <translation>工事</translation>
    </message>
    <message>
        <source>Residents' contact desk</source>
        <translation>住民対応窓口</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>Awarded</source>
        <translation>落札</translation>
    </message>
    <message>
        <source>No valid bid</source>
        <translation>不調</translation>
    </message>
    <message>
        <source>All bids over the ceiling</source>
        <translation>不落</translation>
    </message>
    <message>
        <source>Not opened yet</source>
        <translation>未開札</translation>
    </message>
    <message>
        <source>Pothole</source>
        <translation>路面の穴 (ポットホール)</translation>
    </message>
    <message>
        <source>Fallen tree</source>
        <translation>倒木</translation>
    </message>
    <message>
        <source>Gutter / drainage</source>
        <translation>側溝・排水</translation>
    </message>
    <message>
        <source>Guardrail</source>
        <translation>防護柵</translation>
    </message>
    <message>
        <source>Sign / street light</source>
        <translation>標識・照明</translation>
    </message>
    <message>
        <source>Snow</source>
        <translation>除雪</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>仕様書</translation>
    </message>
    <message>
        <source>Contract document</source>
        <translation>契約書</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>協定書</translation>
    </message>
    <message>
        <source>Drawing</source>
        <translation>図面</translation>
    </message>
</context>
<context>
    <name>ContractOverviewTab</name>
    <message>
        <source>Cost shares per orderer and fiscal year (yen)</source>
        <translation>発注者・年度ごとの負担額 (円)</translation>
    </message>
    <message>
        <source>Scope per organisation and asset type</source>
        <translation>団体・施設種別ごとの対象施設</translation>
    </message>
    <message>
        <source>No contract chosen.</source>
        <translation>契約が選ばれていません。</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状態: %1</translation>
    </message>
    <message>
        <source>Period: %1</source>
        <translation>期間: %1</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 〜 %2</translation>
    </message>
    <message>
        <source>Amount: %1 yen</source>
        <translation>契約額: %1 円</translation>
    </message>
    <message>
        <source>Payment form: %1</source>
        <translation>支払方式: %1</translation>
    </message>
    <message>
        <source>Processes: %1</source>
        <translation>業務内容: %1</translation>
    </message>
    <message>
        <source>Cost shares: %1</source>
        <translation>費用負担: %1</translation>
    </message>
    <message>
        <source>by assets owned in the scope</source>
        <translation>対象施設数で按分</translation>
    </message>
    <message>
        <source>fixed ratio</source>
        <translation>負担割合で按分</translation>
    </message>
    <message>
        <source>Orderers:</source>
        <translation>発注者:</translation>
    </message>
    <message>
        <source> (lead)</source>
        <translation> (幹事団体)</translation>
    </message>
    <message>
        <source>share ratio %1</source>
        <translation>負担割合 %1</translation>
    </message>
    <message>
        <source>Contractor: %1</source>
        <translation>受注者: %1</translation>
    </message>
    <message>
        <source>(not awarded)</source>
        <translation>(未契約)</translation>
    </message>
    <message>
        <source> (representative)</source>
        <translation> (代表者)</translation>
    </message>
    <message>
        <source>Scope: %1 assets</source>
        <translation>対象施設: %1 件</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>団体</translation>
    </message>
    <message>
        <source>Asset type</source>
        <translation>施設種別</translation>
    </message>
    <message>
        <source>Assets</source>
        <translation>施設数</translation>
    </message>
</context>
<context>
    <name>ContractRequestsTab</name>
    <message>
        <source>Photo</source>
        <translation>写真</translation>
    </message>
    <message>
        <source>New request…</source>
        <translation>通報を受付…</translation>
    </message>
    <message>
        <source>Order the work…</source>
        <translation>作業を指示…</translation>
    </message>
    <message>
        <source>Give the selected request's work to the contractor.</source>
        <translation>選択した通報の作業を受注者に指示します。</translation>
    </message>
    <message>
        <source>Work completed…</source>
        <translation>作業完了を登録…</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受付日時</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>受付団体</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>区分</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>施設</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>通報者</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>作業指示</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>完了日</translation>
    </message>
    <message>
        <source>Response (h)</source>
        <translation>対応時間 (h)</translation>
    </message>
    <message>
        <source>%1 requests, %2 open; fixed within 24 h: %3 of %4 (%5); mean response %6 h. Reporters' names and phone numbers stay in this file and are never exchanged.</source>
        <translation>通報 %1 件、未完了 %2 件。24時間以内の対応: %4 件中 %3 件 (%5)、平均対応時間 %6 時間。通報者の氏名・電話番号はこのファイルだけに保存され、交換されることはありません。</translation>
    </message>
    <message>
        <source>Double-click to see it full size.</source>
        <translation>ダブルクリックで原寸表示</translation>
    </message>
    <message>
        <source>No photo.</source>
        <translation>写真はありません。</translation>
    </message>
    <message>
        <source>Photo not received yet: a later exchange package brings it.</source>
        <translation>写真は未受信です (後のデータ交換で届きます)。</translation>
    </message>
</context>
<context>
    <name>ContractTendersTab</name>
    <message>
        <source>Record a tender…</source>
        <translation>入札を登録…</translation>
    </message>
    <message>
        <source>Delete tender…</source>
        <translation>入札を削除…</translation>
    </message>
    <message>
        <source>Delete the selected tender, entered by mistake.</source>
        <translation>誤って登録した入札 (選択中のもの) を削除します。</translation>
    </message>
    <message>
        <source>re-tender of round %1</source>
        <translation>第%1回の再入札</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>回</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>公告日</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>開札日</translation>
    </message>
    <message>
        <source>Ceiling (yen)</source>
        <translation>予定価格 (円)</translation>
    </message>
    <message>
        <source>Lowest bid (yen)</source>
        <translation>最低入札額 (円)</translation>
    </message>
    <message>
        <source>Bidders</source>
        <translation>入札者数</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Awarded to</source>
        <translation>落札者</translation>
    </message>
    <message>
        <source>Re-tender</source>
        <translation>再入札</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>Failed tenders (不調・不落): %1 of %2 (%3).</source>
        <translation>不調・不落: %2 件中 %1 件 (%3)。</translation>
    </message>
    <message>
        <source>Delete tender</source>
        <translation>入札の削除</translation>
    </message>
    <message>
        <source>Delete round %1 (notice %2, %3)? Use this for a tender entered by mistake; it can be undone from the Edit menu.</source>
        <translation>第%1回の入札 (公告 %2、%3) を削除しますか? 誤って登録した入札に使います。「編集」メニューの「元に戻す」で取り消せます。</translation>
    </message>
</context>
<context>
    <name>ContractsPage</name>
    <message>
        <source>New contract…</source>
        <translation>新しい契約…</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Tenders</source>
        <translation>入札</translation>
    </message>
    <message>
        <source>Performance indicators</source>
        <translation>性能指標</translation>
    </message>
    <message>
        <source>Residents' requests</source>
        <translation>住民要望</translation>
    </message>
    <message>
        <source>Effects</source>
        <translation>効果</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>書類</translation>
    </message>
    <message>
        <source>Create a contract with the selected assets…</source>
        <translation>選択した施設で契約を作成…</translation>
    </message>
    <message>
        <source>Press “Select area”, drag a rectangle over the assets, then create the contract.</source>
        <translation>「範囲選択」を押して施設を四角形で囲み、契約を作成してください。</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>契約</translation>
    </message>
    <message>
        <source>New contract from the map</source>
        <translation>地図から契約を作成</translation>
    </message>
    <message>
        <source>Bundling assistant</source>
        <translation>ロット提案</translation>
    </message>
    <message>
        <source>%1 contracts</source>
        <translation>契約 %1 件</translation>
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
        <source>Reading the file…</source>
        <translation>ファイルを読み込んでいます…</translation>
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
        <source>Cycle %1</source>
        <translation>第%1巡</translation>
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
    <message>
        <source>Cycle %1: %2</source>
        <translation>第%1巡 %2</translation>
    </message>
</context>
<context>
    <name>DecidedCandidateModel</name>
    <message>
        <source>Decision</source>
        <translation>検討結果</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Downsize</source>
        <translation>機能縮小</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>存続</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <source>Receive</source>
        <translation>受信</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>競合</translation>
    </message>
    <message>
        <source>Exchange log</source>
        <translation>送受信の記録</translation>
    </message>
    <message>
        <source>Choose package…</source>
        <translation>パッケージを選ぶ…</translation>
    </message>
    <message>
        <source>Apply import</source>
        <translation>取り込む</translation>
    </message>
    <message>
        <source>Undo last import…</source>
        <translation>直前の取り込みを取り消す…</translation>
    </message>
    <message>
        <source>Only what the recipient has not confirmed (incremental)</source>
        <translation>相手が受け取りを確認していない分のみ (差分)</translation>
    </message>
    <message>
        <source>Everything (full)</source>
        <translation>すべて (全件)</translation>
    </message>
    <message>
        <source>Include residents' contact details (name, phone, address)</source>
        <translation>住民の連絡先 (氏名・電話・住所) を含める</translation>
    </message>
    <message>
        <source>Off by default: residents' personal data stays in this file. Tick only when the recipient has to call the resident back.</source>
        <translation>通常は含めません。住民の個人情報はこのファイルに残ります。送り先が住民に連絡する必要がある場合だけチェックしてください。</translation>
    </message>
    <message>
        <source>Include photos</source>
        <translation>写真を含める</translation>
    </message>
    <message>
        <source>Untick to send the rows only: the recipient sees the photos as not received until a later package with photos brings them.</source>
        <translation>チェックを外すと行データだけを送ります。受け取った側では、写真付きのパッケージが後で届くまで写真は「未受信」と表示されます。</translation>
    </message>
    <message>
        <source>Split into parts for mail, each at most</source>
        <translation>メール用に分割する (1 ファイルの上限)</translation>
    </message>
    <message>
        <source>A package larger than this is saved as several files (NAME.part1of3.zip …). Each part can be imported on its own, in any order.</source>
        <translation>これより大きいパッケージは複数のファイル (名前.part1of3.zip …) に分けて保存します。各ファイルは単独で、どの順番でも取り込めます。</translation>
    </message>
    <message>
        <source>Save package as…</source>
        <translation>パッケージを保存…</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>宛先</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>個人情報</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>写真</translation>
    </message>
    <message>
        <source>Mail size</source>
        <translation>メールのサイズ</translation>
    </message>
    <message>
        <source>Send the saved file by LGWAN mail or USB. The recipient's acknowledgement comes back with their next package.</source>
        <translation>保存したファイルは LGWAN メールか USB メモリで送ってください。相手の受領確認は、相手から次に届くパッケージに含まれます。</translation>
    </message>
    <message>
        <source>This file: %1</source>
        <translation>このファイル: %1</translation>
    </message>
    <message>
        <source>no organisation set</source>
        <translation>団体が未設定</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>競合 (%1)</translation>
    </message>
    <message>
        <source>whole region</source>
        <translation>地域全体</translation>
    </message>
    <message>
        <source>Last import: %1 from %2 at %3</source>
        <translation>直前の取り込み: %1 (送信元 %2、%3)</translation>
    </message>
    <message>
        <source>No import to undo.</source>
        <translation>取り消せる取り込みはありません。</translation>
    </message>
    <message>
        <source>Lead: %1</source>
        <translation>取りまとめ団体: %1</translation>
    </message>
    <message>
        <source>Whole region (read-only snapshot)</source>
        <translation>地域全体 (閲覧用の写し)</translation>
    </message>
    <message>
        <source>Rows not yet confirmed by the recipient: %1</source>
        <translation>相手が未確認の行: %1</translation>
    </message>
    <message>
        <source>Choose an exchange package</source>
        <translation>交換パッケージを選ぶ</translation>
    </message>
    <message>
        <source>Exchange packages (*.zip);;All files (*)</source>
        <translation>交換パッケージ (*.zip);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Checking the package</source>
        <translation>パッケージを確認しています</translation>
    </message>
    <message>
        <source>Checked. Review the changes below, then apply.</source>
        <translation>確認しました。下の変更内容を確かめてから取り込んでください。</translation>
    </message>
    <message>
        <source>Checked. The package brings nothing new; applying records it as received.</source>
        <translation>確認しました。新しい内容はありません。取り込むと受信済みとして記録します。</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>取り込めません: %1</translation>
    </message>
    <message>
        <source>Checking the package…</source>
        <translation>パッケージを確認しています…</translation>
    </message>
    <message>
        <source>Write %1 new and %2 updated rows and record %3 conflicts? The rows as they are now are kept with the import, so it can be undone.</source>
        <translation>新規 %1 行と更新 %2 行を書き込み、競合 %3 件を記録しますか？ 書き換える前の行を取り込みと一緒に保存するので、取り込みは取り消せます。</translation>
    </message>
    <message>
        <source>Imported: new %1, updated %2, conflicts %3.</source>
        <translation>取り込みました: 新規 %1、更新 %2、競合 %3。</translation>
    </message>
    <message>
        <source>%1 photo(s) not received yet; a later package brings them.</source>
        <translation>写真 %1 枚が未受信です。写真付きの次のパッケージで届きます。</translation>
    </message>
    <message>
        <source>Not imported; the file is unchanged: %1</source>
        <translation>取り込めませんでした。ファイルは変更されていません: %1</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>取り込んでいます…</translation>
    </message>
    <message>
        <source>%1 of the updated rows were changed on both sides in different fields and are merged automatically.</source>
        <translation>更新のうち %1 行は、双方が別々の項目を変更していたため自動で統合されます (同じ項目を異なる値に変えた行だけが競合になります)。</translation>
    </message>
    <message>
        <source>Put the file back as it was before importing %1?</source>
        <translation>%1 を取り込む前の状態にファイルを戻しますか？</translation>
    </message>
    <message>
        <source>Changes were made after that import; they will be lost too.</source>
        <translation>取り込み後に行った変更も失われます。</translation>
    </message>
    <message>
        <source>Undo last import</source>
        <translation>直前の取り込みの取り消し</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>取り消しました: %1</translation>
    </message>
    <message>
        <source>Undoing the last import…</source>
        <translation>直前の取り込みを取り消しています…</translation>
    </message>
    <message>
        <source>This file has no organisation set; conflicts cannot be resolved here.</source>
        <translation>このファイルは団体が未設定のため、ここでは競合を解決できません。</translation>
    </message>
    <message>
        <source>Conflict %1 resolved with the merged values.</source>
        <translation>競合 %1 を統合した値で解決しました。</translation>
    </message>
    <message>
        <source>Conflict %1 resolved.</source>
        <translation>競合 %1 を解決しました。</translation>
    </message>
    <message>
        <source>Save exchange package</source>
        <translation>交換パッケージの保存</translation>
    </message>
    <message>
        <source>Exchange packages (*.zip)</source>
        <translation>交換パッケージ (*.zip)</translation>
    </message>
    <message>
        <source>The package will hold residents' names, phone numbers and addresses. Send it only to an organisation that must contact them, by LGWAN mail or an encrypted USB stick. Include them?</source>
        <translation>送信ファイルに住民の氏名・電話番号・住所が含まれます。住民に連絡する必要のある団体にだけ、LGWAN メールか暗号化した USB メモリで送ってください。含めますか?</translation>
    </message>
    <message>
        <source>Saved in %1 parts for %2 (%3 rows): %4</source>
        <translation>%2 宛てに %1 個のファイルに分けて保存しました (%3 行): %4</translation>
    </message>
    <message>
        <source>Saved %1: %2 rows for %3.</source>
        <translation>%1 を保存しました (%3 宛て、%2 行)。</translation>
    </message>
    <message>
        <source>Photos were left out.</source>
        <translation>写真は含めていません。</translation>
    </message>
    <message>
        <source>Over the size limit and cannot be split further: %1</source>
        <translation>上限を超えていますが、これ以上分けられません: %1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>保存できませんでした: %1</translation>
    </message>
    <message>
        <source>Writing the package…</source>
        <translation>パッケージを書き出しています…</translation>
    </message>
</context>
<context>
    <name>ExchangeTerms</name>
    <message>
        <source>Organisations</source>
        <translation>団体</translation>
    </message>
    <message>
        <source>Delegations</source>
        <translation>委任</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>点検</translation>
    </message>
    <message>
        <source>Asset records</source>
        <translation>施設</translation>
    </message>
    <message>
        <source>Inspection members</source>
        <translation>点検の実施者</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>措置</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>写真</translation>
    </message>
</context>
<context>
    <name>ExportLedgerDialog</name>
    <message>
        <source>Export the ledger (台帳の書き出し)</source>
        <translation>台帳の書き出し</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel ブック (.xlsx)</translation>
    </message>
    <message>
        <source>CSV (.csv)</source>
        <translation>CSV (.csv)</translation>
    </message>
    <message>
        <source>Shift_JIS (CP932), for Excel</source>
        <translation>Shift_JIS (CP932)、Excel 向け</translation>
    </message>
    <message>
        <source>UTF-8 with BOM</source>
        <translation>UTF-8 (BOM 付き)</translation>
    </message>
    <message>
        <source>All organisations</source>
        <translation>すべての団体</translation>
    </message>
    <message>
        <source>All sectors</source>
        <translation>すべての分野</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>形式:</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>文字コード:</translation>
    </message>
    <message>
        <source>Organisation (管理者):</source>
        <translation>管理者:</translation>
    </message>
    <message>
        <source>Sector (分野):</source>
        <translation>分野:</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>保存先:</translation>
    </message>
    <message>
        <source>A CSV export writes the register and, beside it, the inspection history and the measures as two more files.</source>
        <translation>CSV では台帳のほか、点検履歴と措置を別の 2 つのファイルとして同じフォルダに書き出します。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>書き出し</translation>
    </message>
    <message>
        <source>Export the ledger</source>
        <translation>台帳の書き出し</translation>
    </message>
    <message>
        <source>%1: the folder does not exist.</source>
        <translation>%1: フォルダがありません。</translation>
    </message>
    <message>
        <source>Exporting the ledger</source>
        <translation>台帳を書き出しています</translation>
    </message>
</context>
<context>
    <name>FieldDelegate</name>
    <message>
        <source>(not imported)</source>
        <translation>(取り込まない)</translation>
    </message>
</context>
<context>
    <name>FieldErrorDisplay</name>
    <message>
        <source>Not saved: please correct the fields marked in red.</source>
        <translation>保存していません。赤字で示した項目を直してください。</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the ledger file</source>
        <translation>台帳ファイルの選択</translation>
    </message>
    <message>
        <source>An Excel workbook (.xlsx) or a CSV file (CP932 or UTF-8). Nothing is written until you confirm the preview.</source>
        <translation>Excel ブック (.xlsx) または CSV ファイル (CP932・UTF-8)。取込前の確認で「取込」を押すまで、何も書き込みません。</translation>
    </message>
    <message>
        <source>Path of the .xlsx or .csv file</source>
        <translation>.xlsx または .csv ファイルの場所</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>From the asset type column</source>
        <translation>施設種別の列から判断</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>ファイル:</translation>
    </message>
    <message>
        <source>Organisation (管理者):</source>
        <translation>管理者:</translation>
    </message>
    <message>
        <source>Sector (分野):</source>
        <translation>分野:</translation>
    </message>
    <message>
        <source>%1: the file does not exist.</source>
        <translation>%1: ファイルがありません。</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 を読み込んでいます…</translation>
    </message>
    <message>
        <source>%1: the file holds no sheet.</source>
        <translation>%1: シートがありません。</translation>
    </message>
    <message>
        <source>Reading the file</source>
        <translation>ファイルを読み込んでいます</translation>
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
        <source>Apply a saved filter</source>
        <translation>保存した検索条件を適用</translation>
    </message>
    <message>
        <source>Save filter…</source>
        <translation>条件を保存…</translation>
    </message>
    <message>
        <source>Keep the present filter under a name</source>
        <translation>今の検索条件に名前を付けて保存</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Delete the chosen saved filter</source>
        <translation>選んだ保存済みの条件を削除</translation>
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
    <message numerus="yes">
        <source>Saved filters (%n)</source>
        <translation><numerusform>保存した条件 (%n)</numerusform></translation>
    </message>
    <message>
        <source>All grades</source>
        <translation>すべての判定</translation>
    </message>
    <message>
        <source>Not inspected yet</source>
        <translation>未点検</translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation>検索条件の保存</translation>
    </message>
    <message>
        <source>Name of this filter:</source>
        <translation>この条件の名前:</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>How to use this page</source>
        <translation>この画面の使い方</translation>
    </message>
    <message>
        <source>There is no help for this page yet.</source>
        <translation>この画面の説明はまだありません。</translation>
    </message>
</context>
<context>
    <name>ImportErrorModel</name>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>シート</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>ImportPreviewPanel</name>
    <message>
        <source>Choose a package to see what it would change.</source>
        <translation>パッケージを選ぶと、取り込んだ場合の変更内容を表示します。</translation>
    </message>
    <message>
        <source>%1 from %2: new %3, updated %4, unchanged %5, conflicts %6, rejected %7</source>
        <translation>%1 (送信元 %2): 新規 %3、更新 %4、変更なし %5、競合 %6、却下 %7</translation>
    </message>
    <message>
        <source>Rejected rows and why: %1</source>
        <translation>却下する行とその理由: %1 件</translation>
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
    <name>KpiComplianceModel</name>
    <message>
        <source>Indicator</source>
        <translation>指標</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>達成状況</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>入力方法</translation>
    </message>
    <message>
        <source>Deduction (yen)</source>
        <translation>減額 (円)</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>未測定</translation>
    </message>
    <message>
        <source>met</source>
        <translation>達成</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>未達</translation>
    </message>
    <message>
        <source>entered</source>
        <translation>手入力</translation>
    </message>
    <message>
        <source>computed</source>
        <translation>記録から計算</translation>
    </message>
</context>
<context>
    <name>LedgerImportWizard</name>
    <message>
        <source>Import a ledger (台帳の取込)</source>
        <translation>台帳の取込</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>中止しました。</translation>
    </message>
</context>
<context>
    <name>LotModel</name>
    <message>
        <source>Lot</source>
        <translation>ロット</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>対策内容</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>団体</translation>
    </message>
    <message>
        <source>Assets</source>
        <translation>施設数</translation>
    </message>
    <message>
        <source>Estimated cost (yen)</source>
        <translation>概算額 (円)</translation>
    </message>
    <message>
        <source>Travel (km)</source>
        <translation>移動距離 (km)</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>点検</translation>
    </message>
    <message>
        <source>Repairs</source>
        <translation>修繕</translation>
    </message>
    <message>
        <source>within target</source>
        <translation>目標の範囲内</translation>
    </message>
    <message>
        <source>outside target</source>
        <translation>目標の範囲外</translation>
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
        <source>Contracts</source>
        <translation>契約</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>計画</translation>
    </message>
    <message>
        <source>Data exchange</source>
        <translation>データ交換</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>帳票</translation>
    </message>
    <message>
        <source>Asset register</source>
        <translation>施設台帳</translation>
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
        <source>&amp;Import a ledger…</source>
        <translation>台帳の取り込み(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export the ledger…</source>
        <translation>台帳の書き出し(&amp;E)…</translation>
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
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>バックアップから復元(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Text size</source>
        <translation>文字の大きさ(&amp;T)</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>標準</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>大</translation>
    </message>
    <message>
        <source>Extra large</source>
        <translation>特大</translation>
    </message>
    <message>
        <source>How to use &amp;this page</source>
        <translation>この画面の使い方(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;About 群マネ Desktop</source>
        <translation>バージョン情報(&amp;A)</translation>
    </message>
    <message>
        <source>Cannot undo</source>
        <translation>元に戻せません</translation>
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
        <source>Work is still running (an exchange or a plan). Restore when it has finished.</source>
        <translation>処理 (データ交換または計画の計算) が実行中です。終わってから復元してください。</translation>
    </message>
    <message>
        <source>Work is still running (an exchange or a plan). Change the text size when it has finished.</source>
        <translation>処理 (データ交換または計画の計算) が実行中です。終わってから文字の大きさを変えてください。</translation>
    </message>
    <message>
        <source>How to use this page: %1</source>
        <translation>この画面の使い方: %1</translation>
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
    <message>
        <source>Work is still running (an exchange or a plan). Close the window when it has finished.</source>
        <translation>処理 (データ交換または計画の計算) が実行中です。終わってから閉じてください。</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <source>All organisations</source>
        <translation>すべての団体</translation>
    </message>
    <message>
        <source>All asset types</source>
        <translation>すべての施設種別</translation>
    </message>
    <message>
        <source>Export GeoJSON…</source>
        <translation>GeoJSON出力…</translation>
    </message>
    <message>
        <source>Export KML…</source>
        <translation>KML出力…</translation>
    </message>
    <message>
        <source>Select area</source>
        <translation>範囲選択</translation>
    </message>
    <message>
        <source>Drag a rectangle on the map to select the assets in it.</source>
        <translation>地図上で四角形をドラッグすると、その中の施設を選択します。</translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation>選択を解除</translation>
    </message>
    <message>
        <source>Load background…</source>
        <translation>背景を読み込む…</translation>
    </message>
    <message>
        <source>Draw a boundary or road GeoJSON file (WGS84 longitude/latitude) under the assets.</source>
        <translation>境界や道路の GeoJSON ファイル (WGS84 の経度・緯度) を施設の下に描きます。</translation>
    </message>
    <message>
        <source>Clear background</source>
        <translation>背景を消す</translation>
    </message>
    <message>
        <source>Click a point to see the asset.</source>
        <translation>点をクリックすると施設を表示します。</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>団体</translation>
    </message>
    <message>
        <source>Asset type</source>
        <translation>施設種別</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>経度</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>緯度</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>ファイルを読み込んでいます…</translation>
    </message>
    <message>
        <source>%1 assets on the map, %2 without coordinates</source>
        <translation>地図上の施設 %1 件、座標なし %2 件</translation>
    </message>
    <message>
        <source>not inspected</source>
        <translation>未点検</translation>
    </message>
    <message>
        <source>%1 assets of %2 organisations selected</source>
        <translation>%2 団体の施設 %1 件を選択中</translation>
    </message>
    <message>
        <source>Export map</source>
        <translation>地図の出力</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 を読み込んでいます…</translation>
    </message>
    <message>
        <source>Reading the background…</source>
        <translation>背景を読み込んでいます…</translation>
    </message>
    <message>
        <source>Load a background GeoJSON</source>
        <translation>背景の GeoJSON を読み込む</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson *.json);;All files (*)</source>
        <translation>GeoJSON (*.geojson *.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Background: %1 (%2 outlines, %3 lines, %4 points)</source>
        <translation>背景: %1 (境界 %2、線 %3、点 %4)</translation>
    </message>
    <message>
        <source>The background could not be used: %1</source>
        <translation>背景を使えません: %1</translation>
    </message>
</context>
<context>
    <name>MappingModel</name>
    <message>
        <source>Column in the file</source>
        <translation>ファイルの列</translation>
    </message>
    <message>
        <source>Sample values</source>
        <translation>値の例</translation>
    </message>
    <message>
        <source>Imported as</source>
        <translation>取込先の項目</translation>
    </message>
    <message>
        <source>(blank header)</source>
        <translation>(見出しなし)</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>(取り込まない)</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Match the columns</source>
        <translation>列の対応付け</translation>
    </message>
    <message>
        <source>Each column of the file is matched to a field of the register. Double-click a field to change it.</source>
        <translation>ファイルの各列を台帳の項目に対応させます。変えるときは「取込先の項目」をダブルクリックしてください。</translation>
    </message>
    <message>
        <source>Load mapping…</source>
        <translation>対応表を読み込む…</translation>
    </message>
    <message>
        <source>Save mapping…</source>
        <translation>対応表を保存…</translation>
    </message>
    <message>
        <source>No header row was found on sheet %1. Check that the first rows hold the column names.</source>
        <translation>シート %1 に見出し行が見つかりません。先頭の行に列名があるか確かめてください。</translation>
    </message>
    <message>
        <source>%1 of %2 columns will be imported.</source>
        <translation>%2 列のうち %1 列を取り込みます。</translation>
    </message>
    <message>
        <source>Load mapping</source>
        <translation>対応表を読み込む</translation>
    </message>
    <message>
        <source>Save mapping</source>
        <translation>対応表を保存</translation>
    </message>
</context>
<context>
    <name>MarkedPlanTableModel</name>
    <message>
        <source>Set by hand</source>
        <extracomment>The tint of a row set by hand (the .xlsx uses the same colour).</extracomment>
        <translation>手動変更</translation>
    </message>
    <message>
        <source>No measure</source>
        <translation>措置なし</translation>
    </message>
    <message>
        <source>✎ changed</source>
        <translation>✎ 変更</translation>
    </message>
    <message>
        <source>decided</source>
        <translation>決定</translation>
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
    <name>MeasurementDialog</name>
    <message>
        <source>Record a measurement</source>
        <translation>測定値の記録</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指標</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>This contract has no indicators.</source>
        <translation>この契約には性能指標がありません。</translation>
    </message>
    <message>
        <source>The period “%1” does not read; write it like %2.</source>
        <translation>期間「%1」を読めません。%2 のように入力してください。</translation>
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
    <name>OrganisationPage</name>
    <message>
        <source>Your organisation</source>
        <translation>団体の情報</translation>
    </message>
    <message>
        <source>This program has no list of municipalities: type your 6-digit 全国地方公共団体コード (with its check digit) and your name as you write it.</source>
        <translation>このプログラムには市区町村の一覧がありません。6桁の全国地方公共団体コード (検査数字を含む) と団体名を入力してください。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選んでください…</translation>
    </message>
    <message>
        <source>A town, village or city</source>
        <translation>市区町村</translation>
    </message>
    <message>
        <source>The prefecture itself</source>
        <translation>都道府県</translation>
    </message>
    <message>
        <source>6 digits, e.g. 104213</source>
        <translation>6桁 (例: 104213)</translation>
    </message>
    <message>
        <source>e.g. 〇〇町</source>
        <translation>例: 〇〇町</translation>
    </message>
    <message>
        <source>Prefecture:</source>
        <translation>都道府県:</translation>
    </message>
    <message>
        <source>This file is for:</source>
        <translation>このファイルの団体:</translation>
    </message>
    <message>
        <source>団体コード:</source>
        <translation>団体コード:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>団体名:</translation>
    </message>
    <message>
        <source>Exchanges with:</source>
        <translation>データ交換の相手:</translation>
    </message>
    <message>
        <source>%1 is the code of a prefecture, not of a town.</source>
        <translation>%1 は都道府県のコードです。市区町村のコードを入力するか、「都道府県」を選んでください。</translation>
    </message>
    <message>
        <source>%1 is the code of a town, not of a prefecture.</source>
        <translation>%1 は市区町村のコードです。都道府県のコードを入力するか、「市区町村」を選んでください。</translation>
    </message>
    <message>
        <source>The towns of the prefecture send their files here.</source>
        <translation>県内の市町村から、このファイルにデータが送られます。</translation>
    </message>
    <message>
        <source>Your prefecture (from the first two digits).</source>
        <translation>団体コードの先頭2桁の都道府県</translation>
    </message>
</context>
<context>
    <name>PeerModel</name>
    <message>
        <source>Peer</source>
        <translation>相手先</translation>
    </message>
    <message>
        <source>Last sent</source>
        <translation>最終送信</translation>
    </message>
    <message>
        <source>Last received</source>
        <translation>最終受信</translation>
    </message>
    <message>
        <source>Waiting to send (rows)</source>
        <translation>未送信 (行)</translation>
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
    <name>PlanRowDialog</name>
    <message>
        <source>Change the plan — %1</source>
        <translation>計画の変更 — %1</translation>
    </message>
    <message>
        <source> thousand yen</source>
        <translation> 千円</translation>
    </message>
    <message>
        <source>Why, e.g. supplementary budget, quotation</source>
        <translation>理由 (例: 補正予算、見積り)</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>措置</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>費用</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備考</translation>
    </message>
</context>
<context>
    <name>PlanTableModel</name>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>施設</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>施設種別</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>措置</translation>
    </message>
    <message>
        <source>Cost (thousand yen)</source>
        <translation>概算費用 (千円)</translation>
    </message>
    <message>
        <source>Preventive repair</source>
        <translation>予防修繕</translation>
    </message>
    <message>
        <source>Corrective repair</source>
        <translation>修繕</translation>
    </message>
    <message>
        <source>Replacement</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Removal</source>
        <translation>撤去</translation>
    </message>
</context>
<context>
    <name>PlanningPage</name>
    <message>
        <source> years</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>Compare with an annual budget</source>
        <translation>年間予算と比べる</translation>
    </message>
    <message>
        <source> thousand yen / year</source>
        <translation> 千円/年</translation>
    </message>
    <message>
        <source>Make plan</source>
        <translation>計画を作成</translation>
    </message>
    <message>
        <source>Save plan table as .xlsx…</source>
        <translation>計画表を .xlsx で保存…</translation>
    </message>
    <message>
        <source>Choose the scope and press Make plan.</source>
        <translation>対象を選んで「計画を作成」を押してください。</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>団体</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>分野</translation>
    </message>
    <message>
        <source>Horizon</source>
        <translation>計画期間</translation>
    </message>
    <message>
        <source>Simulation runs</source>
        <translation>試行回数</translation>
    </message>
    <message>
        <source>Cost (million yen)</source>
        <translation>費用 (百万円)</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Share of assets (%)</source>
        <translation>施設の割合 (%)</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>シナリオ</translation>
    </message>
    <message>
        <source>Change row…</source>
        <translation>行を変更…</translation>
    </message>
    <message>
        <source>Give back to the plan</source>
        <translation>計画の算定に戻す</translation>
    </message>
    <message>
        <source>Forget the change made by hand; the next plan decides again.</source>
        <translation>手動の変更を取り消し、次の計画作成で改めて算定します。</translation>
    </message>
    <message>
        <source>Withdraw the decision</source>
        <translation>決定を取り消す</translation>
    </message>
    <message>
        <source>from FY </source>
        <translation>開始年度 </translation>
    </message>
    <message>
        <source>Note, e.g. detour via the town road</source>
        <translation>備考 (例: 町道に迂回路あり)</translation>
    </message>
    <message>
        <source>Record decision</source>
        <translation>決定を記録</translation>
    </message>
    <message>
        <source>Decision on the selected candidate</source>
        <translation>選んだ候補の集約・撤去検討結果</translation>
    </message>
    <message>
        <source>Annual cost by scenario</source>
        <translation>シナリオ別の年間費用</translation>
    </message>
    <message>
        <source>Expected grades</source>
        <translation>健全性の見通し</translation>
    </message>
    <message>
        <source>Plan table</source>
        <translation>計画表</translation>
    </message>
    <message>
        <source>Removal and consolidation candidates</source>
        <translation>集約・撤去の候補</translation>
    </message>
    <message>
        <source>All organisations</source>
        <translation>すべての団体</translation>
    </message>
    <message>
        <source>All sectors</source>
        <translation>すべての分野</translation>
    </message>
    <message>
        <source>Making the plan…</source>
        <translation>計画を作成しています…</translation>
    </message>
    <message>
        <source>Cancelled; nothing changed.</source>
        <translation>中止しました。何も変更していません。</translation>
    </message>
    <message>
        <source>The plan could not be made: %1</source>
        <translation>計画を作成できませんでした: %1</translation>
    </message>
    <message>
        <source>Preventive (repair at Ⅱ)</source>
        <translation>予防保全 (Ⅱで措置)</translation>
    </message>
    <message>
        <source>Reactive (renew at Ⅳ)</source>
        <translation>事後保全 (Ⅳで更新)</translation>
    </message>
    <message>
        <source>Budget %1 thousand yen/year</source>
        <translation>予算制約 (年 %1 千円)</translation>
    </message>
    <message>
        <source>No assets in service in this scope.</source>
        <translation>この対象には供用中の施設がありません。</translation>
    </message>
    <message>
        <source>%1 assets over %2 years. Life-cycle cost: preventive %3 million yen, reactive %4 million yen.</source>
        <translation>施設 %1 件、%2 年間。ライフサイクルコスト: 予防保全 %3 百万円、事後保全 %4 百万円。</translation>
    </message>
    <message>
        <source>Preventive maintenance saves %1 million yen (%2%).</source>
        <translation>予防保全により %1 百万円 (%2%) 縮減できます。</translation>
    </message>
    <message>
        <source>Preventive maintenance costs %1 million yen more here.</source>
        <translation>この対象では予防保全のほうが %1 百万円多くかかります。</translation>
    </message>
    <message>
        <source>The plan table follows %3: %1 measures; removal candidates: %2.</source>
        <translation>計画表は%3に基づきます: 措置 %1 件、集約・撤去の候補 %2 件。</translation>
    </message>
    <message>
        <source>Unit costs and service lives are the defaults (rough estimates).</source>
        <translation>単価と耐用年数は既定値 (概算) です。</translation>
    </message>
    <message>
        <source>Your own decisions and changed rows exceed the budget in %1 fiscal year(s) (most: %2 million yen over in FY%3); nothing else is funded in those years.</source>
        <translation>決定した撤去や手動変更だけで予算を超える年度が %1 あります (最大: %3年度に %2 百万円超過)。その年度は他の措置に予算を充てていません。</translation>
    </message>
    <message>
        <source>Under this budget %1 assets still wait for a measure in the last year.</source>
        <translation>この予算では、最終年度になお %1 施設が措置を待っています。</translation>
    </message>
    <message>
        <source>Ⅰ sound</source>
        <translation>Ⅰ 健全</translation>
    </message>
    <message>
        <source>Ⅱ preventive stage</source>
        <translation>Ⅱ 予防保全段階</translation>
    </message>
    <message>
        <source>Ⅲ early action</source>
        <translation>Ⅲ 早期措置段階</translation>
    </message>
    <message>
        <source>Ⅳ urgent</source>
        <translation>Ⅳ 緊急措置段階</translation>
    </message>
    <message>
        <source>Save plan table</source>
        <translation>計画表の保存</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel ブック (*.xlsx)</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 を保存しました。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>保存できませんでした: %1</translation>
    </message>
    <message>
        <source>Writing the plan table…</source>
        <translation>計画表を書き出しています…</translation>
    </message>
    <message>
        <source>Make the plan again to see the costs with it.</source>
        <translation>費用への反映は「計画を作成」をもう一度押すと表示されます。</translation>
    </message>
    <message>
        <source>Select a candidate first.</source>
        <translation>先に候補を選んでください。</translation>
    </message>
    <message>
        <source>Decision on %1 kept.</source>
        <translation>%1 の検討結果を保存しました。</translation>
    </message>
    <message>
        <source>Select a row of the plan first.</source>
        <translation>先に計画表の行を選んでください。</translation>
    </message>
    <message>
        <source>A removal follows the decision on the candidate; change it there.</source>
        <translation>撤去は集約・撤去候補の検討結果に従います。変更は候補の一覧で行ってください。</translation>
    </message>
    <message>
        <source>Plan row of %1 kept as set by hand.</source>
        <translation>%1 の計画を手動の変更として保存しました。</translation>
    </message>
    <message>
        <source>This row was not changed by hand.</source>
        <translation>この行は手動で変更されていません。</translation>
    </message>
    <message>
        <source>given back to the plan</source>
        <translation>計画の算定に戻しました</translation>
    </message>
    <message>
        <source>Plan row of %1 given back to the plan.</source>
        <translation>%1 の計画を算定に戻しました。</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Organisation</source>
        <translation>団体</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>変更なし</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>競合</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>却下</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Check before importing</source>
        <translation>取込前の確認</translation>
    </message>
    <message>
        <source>Nothing has been written yet. Rows with errors are not imported; fix them in the file and import again, or import the others now.</source>
        <translation>まだ何も書き込んでいません。エラーのある行は取り込みません。ファイルを直して取り込み直すか、ほかの行だけを今取り込んでください。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>取込</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>変更なし</translation>
    </message>
    <message>
        <source>Rows with errors</source>
        <translation>エラーの行</translation>
    </message>
    <message>
        <source>Inspections to add</source>
        <translation>追加する点検</translation>
    </message>
    <message>
        <source>Measures to add</source>
        <translation>追加する措置</translation>
    </message>
    <message>
        <source>Measures to update</source>
        <translation>更新する措置</translation>
    </message>
    <message>
        <source>Measures unchanged</source>
        <translation>変更のない措置</translation>
    </message>
    <message>
        <source>%1 problems in %2 rows:</source>
        <translation>エラー %1 件 (%2 行):</translation>
    </message>
    <message>
        <source>Save errors as .xlsx…</source>
        <translation>エラーを .xlsx に保存…</translation>
    </message>
    <message>
        <source>Preparing the preview</source>
        <translation>取込内容を確認しています</translation>
    </message>
    <message>
        <source>Columns not imported: %1</source>
        <translation>取り込まない列: %1</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>エラーはありません。</translation>
    </message>
    <message>
        <source>Import writes %1 assets and %2 measures after taking a backup of the file.</source>
        <translation>ファイルのバックアップを取ってから、%1 施設と %2 件の措置を書き込みます。</translation>
    </message>
    <message>
        <source>Import writes %1 assets after taking a backup of the file.</source>
        <translation>ファイルのバックアップを取ってから、%1 施設を書き込みます。</translation>
    </message>
    <message>
        <source>There is nothing to import: every readable row is unchanged.</source>
        <translation>取り込むものはありません。読み取れた行はすべて変更なしです。</translation>
    </message>
    <message>
        <source>Errors saved to %1</source>
        <translation>エラーを %1 に保存しました</translation>
    </message>
    <message>
        <source>Save errors</source>
        <translation>エラーの保存</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>取り込んでいます</translation>
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
    <message>
        <source>%1 photo(s) not received yet: a later exchange package brings them.</source>
        <translation>写真 %1 枚は未受信です。後から届く交換パッケージで表示されます。</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <source>New…</source>
        <translation>新規…</translation>
    </message>
    <message>
        <source>Register a new asset (Ctrl+N)</source>
        <translation>施設を新規登録 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Edit the current asset (or double-click it)</source>
        <translation>選択中の施設を編集 (ダブルクリックでも可)</translation>
    </message>
    <message>
        <source>Retire…</source>
        <translation>廃止…</translation>
    </message>
    <message>
        <source>供用廃止 or 撤去: kept in the file, hidden unless retired assets are included</source>
        <translation>供用廃止または撤去: ファイルには残り、「廃止・撤去済も表示」のときだけ表示</translation>
    </message>
    <message>
        <source>Bulk edit…</source>
        <translation>一括編集…</translation>
    </message>
    <message>
        <source>Set one field for all selected assets</source>
        <translation>選択したすべての施設の1項目を変更</translation>
    </message>
    <message numerus="yes">
        <source>Bulk edit (%n)…</source>
        <translation><numerusform>一括編集 (%n 件)…</numerusform></translation>
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
    <name>RejectionModel</name>
    <message>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>Reports</source>
        <translation>帳票</translation>
    </message>
    <message>
        <source>Print a report as a PDF file for the council, the prefecture or the subsidy application.</source>
        <translation>議会説明・県への報告・補助金申請のための帳票を PDF ファイルに出力します。</translation>
    </message>
    <message>
        <source>Council pack (議会説明資料)</source>
        <translation>議会説明資料</translation>
    </message>
    <message>
        <source>Ledger listing (施設台帳)</source>
        <translation>施設台帳</translation>
    </message>
    <message>
        <source>Inspection sheets (点検調書)</source>
        <translation>点検調書</translation>
    </message>
    <message>
        <source>Region comparison (地域比較)</source>
        <translation>地域比較</translation>
    </message>
    <message>
        <source>Long-life repair plan (長寿命化修繕計画)</source>
        <translation>長寿命化修繕計画</translation>
    </message>
    <message>
        <source>Contracts and KPIs (契約・KPI)</source>
        <translation>契約・KPI (性能指標)</translation>
    </message>
    <message>
        <source>Whole region</source>
        <translation>地域全体</translation>
    </message>
    <message>
        <source>All sectors</source>
        <translation>すべての分野</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Report:</source>
        <translation>帳票:</translation>
    </message>
    <message>
        <source>Organisation (管理者):</source>
        <translation>管理者:</translation>
    </message>
    <message>
        <source>Sector (分野):</source>
        <translation>分野:</translation>
    </message>
    <message>
        <source>Fiscal year (年度):</source>
        <translation>年度:</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>保存先:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>作成</translation>
    </message>
    <message>
        <source>Open the PDF</source>
        <translation>PDF を開く</translation>
    </message>
    <message>
        <source>For the council: the state of the assets, inspections and measures, with charts.</source>
        <translation>議会への説明用: 施設・点検・措置の状況をグラフとともにまとめます。</translation>
    </message>
    <message>
        <source>A landscape list of the in-service assets of the chosen organisation and sector.</source>
        <translation>選んだ管理者・分野の供用中の施設の一覧 (A4 横)。</translation>
    </message>
    <message>
        <source>One sheet per asset inspected in the fiscal year.</source>
        <translation>その年度に点検した施設ごとの点検調書。</translation>
    </message>
    <message>
        <source>Every organisation of the region side by side (the organisation choice does not apply).</source>
        <translation>地域のすべての団体を並べて比較します (管理者の選択は使いません)。</translation>
    </message>
    <message>
        <source>Preventive against reactive maintenance, the cost per fiscal year and the measures per facility; the fiscal year is the plan's first year.</source>
        <translation>予防保全と事後保全の比較、年度別の概算事業費、施設ごとの措置の時期を示します。年度は計画の初年度です。</translation>
    </message>
    <message>
        <source>The contracts the organisation orders: cost shares, tenders, KPI compliance and response times (no residents' personal data).</source>
        <translation>団体が発注者となっている契約の負担額、入札の経過、性能指標の達成状況、通報への対応時間を示します (住民の個人情報は掲載しません)。</translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation>帳票の保存先</translation>
    </message>
    <message>
        <source>%1: the file name must end in .pdf.</source>
        <translation>%1: ファイル名は .pdf で終わるようにしてください。</translation>
    </message>
    <message>
        <source>%1: the folder does not exist.</source>
        <translation>%1: フォルダがありません。</translation>
    </message>
    <message>
        <source>Creating %1…</source>
        <translation>%1 を作成しています…</translation>
    </message>
    <message>
        <source>Collecting the report's data</source>
        <translation>帳票のデータを集計中</translation>
    </message>
    <message>
        <source>Preparing the inspection sheets</source>
        <translation>点検調書を準備中</translation>
    </message>
    <message>
        <source>No assets in the chosen scope.</source>
        <translation>対象の施設がありません。</translation>
    </message>
    <message>
        <source>Page %1 written</source>
        <translation>%1 ページ目を作成しました</translation>
    </message>
    <message>
        <source>Creating the report</source>
        <translation>帳票を作成しています</translation>
    </message>
    <message>
        <source>Wrote %1 pages to %2.</source>
        <translation>%1 ページを %2 に出力しました。</translation>
    </message>
    <message>
        <source>Cancelled; no PDF was written.</source>
        <translation>中止しました。PDF は作成していません。</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <source>New resident's request</source>
        <extracomment>How far ahead of the computer's clock a time may be (a slow office PC clock), in minutes. After a save, the page passes the save's context here so that derived values (the response-time KPIs) are written in the same transaction and undone with it.</extracomment>
        <translation>住民からの通報の受付</translation>
    </message>
    <message>
        <source>e.g. 町道12号線 汐見橋の南 50 m</source>
        <translation>例: 町道12号線 汐見橋の南 50 m</translation>
    </message>
    <message>
        <source>(no asset / not known)</source>
        <translation>(施設なし・不明)</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 選んでください —</translation>
    </message>
    <message>
        <source>Choose a photo…</source>
        <translation>写真を選ぶ…</translation>
    </message>
    <message>
        <source>(no photo)</source>
        <translation>(写真なし)</translation>
    </message>
    <message>
        <source>e.g. 0250-12-3456</source>
        <translation>例: 0250-12-3456</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受付日時</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>受付団体</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>区分</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>施設</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>写真</translation>
    </message>
    <message>
        <source>Reporter (optional; kept in this file only, never exchanged)</source>
        <translation>通報者 (任意。このファイルだけに保存され、交換されません)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>Photo of the request</source>
        <translation>通報の写真</translation>
    </message>
    <message>
        <source>The request cannot be received in the future.</source>
        <translation>受付日時に未来の日時は入力できません。</translation>
    </message>
    <message>
        <source>Choose what the request is about.</source>
        <translation>通報の区分を選んでください。</translation>
    </message>
    <message>
        <source>Enter the place, or choose the asset.</source>
        <translation>場所を入力するか、施設を選んでください。</translation>
    </message>
    <message>
        <source>“%1” is not a phone number.</source>
        <translation>「%1」は電話番号として読めません。</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Import finished</source>
        <translation>取込が終わりました</translation>
    </message>
    <message>
        <source>New: %1, updated: %2, unchanged: %3, not imported because of errors: %4, inspections added: %5.</source>
        <translation>新規 %1 件、更新 %2 件、変更なし %3 件、エラーで取り込まなかった行 %4 件、追加した点検 %5 件。</translation>
    </message>
    <message>
        <source>Measures added: %1, updated: %2, unchanged: %3.</source>
        <translation>措置: 追加 %1 件、更新 %2 件、変更なし %3 件。</translation>
    </message>
    <message>
        <source>Before importing, the file was backed up to:
%1</source>
        <translation>取込の前に、ファイルを次の場所にバックアップしました:
%1</translation>
    </message>
    <message>
        <source>Nothing was written, so no backup was needed.</source>
        <translation>何も書き込まなかったため、バックアップは取っていません。</translation>
    </message>
</context>
<context>
    <name>RetireDialog</name>
    <message>
        <source>Retire “%1”</source>
        <translation>「%1」の廃止</translation>
    </message>
    <message>
        <source>The asset stays in the file with its inspection history; the register shows it only when retired assets are included.</source>
        <translation>施設は点検履歴とともにファイルに残ります。台帳には「廃止・撤去済も表示」を選んだときだけ表示されます。</translation>
    </message>
    <message>
        <source>e.g. R6.3.31, 2024-03-31</source>
        <translation>例: R6.3.31、2024-03-31</translation>
    </message>
    <message>
        <source>e.g. 架替により撤去, 統合により廃止</source>
        <translation>例: 架替により撤去、統合により廃止</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>新しい状態</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>廃止する</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Enter the date.</source>
        <translation>日付を入力してください。</translation>
    </message>
    <message>
        <source>The date is in the future.</source>
        <translation>未来の日付です。</translation>
    </message>
    <message>
        <source>Enter the reason.</source>
        <translation>理由を入力してください。</translation>
    </message>
    <message>
        <source>Not retired: %1</source>
        <translation>廃止できませんでした: %1</translation>
    </message>
</context>
<context>
    <name>SavePage</name>
    <message>
        <source>Where to save the file</source>
        <translation>ファイルの保存先</translation>
    </message>
    <message>
        <source>Everything is kept in this one file. Backups are made in a folder “backups” beside it.</source>
        <translation>データはすべてこの1つのファイルに保存されます。バックアップは同じフォルダーの「backups」に作られます。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>ファイル:</translation>
    </message>
    <message>
        <source>%1 already exists. Choose another name, or go back and open it instead.</source>
        <translation>%1 は既にあります。別の名前にするか、戻って「手元にあるファイルを開く」を選んでください。</translation>
    </message>
    <message>
        <source>Save the new file as</source>
        <translation>新しいファイルの保存先</translation>
    </message>
</context>
<context>
    <name>SheetPage</name>
    <message>
        <source>Choose the sheet</source>
        <translation>シートの選択</translation>
    </message>
    <message>
        <source>The workbook has several sheets. Choose the one that lists the assets.</source>
        <translation>このブックには複数のシートがあります。施設の一覧が載っているシートを選んでください。</translation>
    </message>
    <message>
        <source>%1 — no header row found</source>
        <translation>%1 — 見出し行が見つかりません</translation>
    </message>
    <message>
        <source>%1 — %2 rows, header in row %3</source>
        <translation>%1 — %2 行 (見出しは %3 行目)</translation>
    </message>
</context>
<context>
    <name>TenderDialog</name>
    <message>
        <source>Record a tender</source>
        <translation>入札の登録</translation>
    </message>
    <message>
        <source>(first tender)</source>
        <translation>(初回の入札)</translation>
    </message>
    <message>
        <source>Round %1 of %2 (%3)</source>
        <translation>第%1回 %2 公告 (%3)</translation>
    </message>
    <message>
        <source>yen, e.g. 148,500,000 or 14,850万円</source>
        <translation>円 (例: 148,500,000 / 14,850万円)</translation>
    </message>
    <message>
        <source>Bidder</source>
        <translation>入札者</translation>
    </message>
    <message>
        <source>Amount bid (blank: declined)</source>
        <translation>入札額 (空欄: 辞退)</translation>
    </message>
    <message>
        <source>Add bidder</source>
        <translation>入札者を追加</translation>
    </message>
    <message>
        <source>Remove bidder</source>
        <translation>入札者を削除</translation>
    </message>
    <message>
        <source>Re-tender of</source>
        <translation>再入札の対象</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>公告日</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>開札日</translation>
    </message>
    <message>
        <source>Ceiling (yen)</source>
        <translation>予定価格 (円)</translation>
    </message>
    <message>
        <source>Bids</source>
        <translation>入札</translation>
    </message>
    <message>
        <source>Lowest bid</source>
        <translation>最低入札額</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>辞退</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>%1 行目: %2</translation>
    </message>
    <message>
        <source>Row %1: enter the bidder.</source>
        <translation>%1 行目: 入札者を入力してください。</translation>
    </message>
    <message>
        <source>no valid bid</source>
        <translation>有効な入札なし</translation>
    </message>
    <message>
        <source>%1 yen</source>
        <translation>%1 円</translation>
    </message>
    <message>
        <source>(by the bids: %1)</source>
        <translation>(入札額からは「%1」)</translation>
    </message>
    <message>
        <source>Enter the ceiling price.</source>
        <translation>予定価格を入力してください。</translation>
    </message>
    <message>
        <source>A re-tender's notice cannot be before the failed tender was opened (%1).</source>
        <translation>再入札の公告日が前回の開札日 (%1) より前になっています。</translation>
    </message>
    <message>
        <source>Make %1 the contractor of this contract and mark it in force (履行中), in the same save</source>
        <translation>%1 をこの契約の受注者とし、契約を履行中にする (入札と一緒に保存)</translation>
    </message>
</context>
<context>
    <name>UndoController</name>
    <message>
        <source>Only saves made in this window (assets, inspections, measures) are undone. Ledger and exchange imports are not: they have their own undo.</source>
        <translation>この画面で保存した内容 (施設・点検・措置) だけを元に戻します。台帳やデータ交換の取り込みは対象外です (それぞれの「取り込みの取り消し」を使ってください)。</translation>
    </message>
    <message>
        <source>Undo: %1</source>
        <translation>元に戻す: %1</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Redo: %1</source>
        <translation>やり直し: %1</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>やり直し</translation>
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
<context>
    <name>WorkOrderDialog</name>
    <message>
        <source>Order the work</source>
        <translation>作業の指示</translation>
    </message>
    <message>
        <source>(not awarded)</source>
        <translation>(未契約)</translation>
    </message>
    <message>
        <source>e.g. 穴埋め (常温合材)</source>
        <translation>例: 穴埋め (常温合材)</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>通報</translation>
    </message>
    <message>
        <source>Contractor</source>
        <translation>受注者</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>作業指示</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>対策内容</translation>
    </message>
    <message>
        <source>The contract has no contractor yet: record the tender that awarded it first.</source>
        <translation>この契約にはまだ受注者がいません。先に落札した入札を登録してください。</translation>
    </message>
    <message>
        <source>The order cannot be before the request was received (%1).</source>
        <translation>指示日時が通報の受付 (%1) より前になっています。</translation>
    </message>
    <message>
        <source>The order cannot be in the future.</source>
        <translation>指示日時に未来の日時は入力できません。</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <source>Export the ledger</source>
        <translation>台帳の書き出し</translation>
    </message>
    <message>
        <source>Exported %1 assets to:
%2</source>
        <translation>%1 施設を書き出しました:
%2</translation>
    </message>
</context>
</TS>