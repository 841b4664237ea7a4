<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en_US">
    <context>
        <name>QObject</name>
        <message>
            <source>%1 min</source>
            <translation>%1 min</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
    </context>
    <context>
        <name>StateStyle</name>
        <message>
            <source>waiting</source>
            <comment>task state</comment>
            <translation>wartet</translation>
        </message>
        <message>
            <source>queued</source>
            <comment>task state</comment>
            <translation>eingereiht</translation>
        </message>
        <message>
            <source>running</source>
            <comment>task state</comment>
            <translation>läuft</translation>
        </message>
        <message>
            <source>retrying</source>
            <comment>task state</comment>
            <translation>wartet auf Wiederholung</translation>
        </message>
        <message>
            <source>done</source>
            <comment>task state</comment>
            <translation>fertig</translation>
        </message>
        <message>
            <source>failed</source>
            <comment>task state</comment>
            <translation>fehlgeschlagen</translation>
        </message>
        <message>
            <source>blocked</source>
            <comment>task state</comment>
            <translation>blockiert</translation>
        </message>
        <message>
            <source>interrupted</source>
            <comment>task state</comment>
            <translation>unterbrochen</translation>
        </message>
        <message>
            <source>cancelled</source>
            <comment>task state</comment>
            <translation>abgebrochen</translation>
        </message>
        <message>
            <source>skipped</source>
            <comment>task state</comment>
            <translation>übersprungen</translation>
        </message>
        <message>
            <source>done</source>
            <comment>summary bar filter</comment>
            <translation>fertig</translation>
        </message>
        <message>
            <source>degraded</source>
            <comment>summary bar filter</comment>
            <translation>reduziert</translation>
        </message>
        <message>
            <source>running</source>
            <comment>summary bar filter</comment>
            <translation>laufen</translation>
        </message>
        <message>
            <source>retrying</source>
            <comment>summary bar filter</comment>
            <translation>warten auf Wiederholung</translation>
        </message>
        <message>
            <source>queued</source>
            <comment>summary bar filter</comment>
            <translation>eingereiht</translation>
        </message>
        <message>
            <source>failed</source>
            <comment>summary bar filter</comment>
            <translation>fehlgeschlagen</translation>
        </message>
        <message>
            <source>blocked</source>
            <comment>summary bar filter</comment>
            <translation>blockiert</translation>
        </message>
        <message>
            <source>Tasks with a verified output, at any quality. Click to show only their shots.</source>
            <translation>Aufgaben mit geprüfter Ausgabe, in jeder Qualität. Klicken, um nur ihre Shots zu zeigen.</translation>
        </message>
        <message>
            <source>Done tasks below full quality (simplified prompt, lower resolution or built-in fallback). Click to show only their shots.</source>
            <translation>Fertige Aufgaben unter voller Qualität (vereinfachter Prompt, geringere Auflösung oder eingebauter Ersatz). Klicken, um nur ihre Shots zu zeigen.</translation>
        </message>
        <message>
            <source>Tasks with an attempt in flight. Click to show only their shots.</source>
            <translation>Aufgaben mit einem laufenden Versuch. Klicken, um nur ihre Shots zu zeigen.</translation>
        </message>
        <message>
            <source>Tasks waiting for their backoff before the next automatic retry. Click to show only their shots.</source>
            <translation>Aufgaben, die vor der nächsten automatischen Wiederholung abwarten. Klicken, um nur ihre Shots zu zeigen.</translation>
        </message>
        <message>
            <source>Tasks waiting for a provider slot or for their image. Click to show only their shots.</source>
            <translation>Aufgaben, die auf einen freien Platz beim Anbieter oder auf ihr Bild warten. Klicken, um nur ihre Shots zu zeigen.</translation>
        </message>
        <message>
            <source>Tasks whose automatic recovery is exhausted: they need you. Click to show only their shots.</source>
            <translation>Aufgaben, deren automatische Wiederherstellung ausgeschöpft ist: Sie werden gebraucht. Klicken, um nur ihre Shots zu zeigen.</translation>
        </message>
        <message>
            <source>Tasks waiting for a failed task they depend on. Click to show only their shots.</source>
            <translation>Aufgaben, die auf eine fehlgeschlagene Aufgabe warten, von der sie abhängen. Klicken, um nur ihre Shots zu zeigen.</translation>
        </message>
        <message>
            <source>Image</source>
            <comment>generation stage</comment>
            <translation>Bild</translation>
        </message>
        <message>
            <source>Video</source>
            <comment>generation stage</comment>
            <translation>Video</translation>
        </message>
        <message>
            <source>IMG</source>
            <comment>short label of the image stage on a tile</comment>
            <translation>BILD</translation>
        </message>
        <message>
            <source>VID</source>
            <comment>short label of the video stage on a tile</comment>
            <translation>VID</translation>
        </message>
        <message>
            <source>no error</source>
            <comment>error class</comment>
            <translation>kein Fehler</translation>
        </message>
        <message>
            <source>network error</source>
            <comment>error class</comment>
            <translation>Netzwerkfehler</translation>
        </message>
        <message>
            <source>timeout</source>
            <comment>error class</comment>
            <translation>Zeitüberschreitung</translation>
        </message>
        <message>
            <source>rate limited</source>
            <comment>error class</comment>
            <translation>Ratenbegrenzung</translation>
        </message>
        <message>
            <source>provider unavailable</source>
            <comment>error class</comment>
            <translation>Anbieter nicht erreichbar</translation>
        </message>
        <message>
            <source>provider error</source>
            <comment>error class</comment>
            <translation>Anbieterfehler</translation>
        </message>
        <message>
            <source>out of memory</source>
            <comment>error class: the provider's GPU ran out of memory</comment>
            <translation>zu wenig Speicher</translation>
        </message>
        <message>
            <source>content policy</source>
            <comment>error class</comment>
            <translation>Inhaltsrichtlinie</translation>
        </message>
        <message>
            <source>invalid request</source>
            <comment>error class</comment>
            <translation>ungültige Anfrage</translation>
        </message>
        <message>
            <source>authentication</source>
            <comment>error class</comment>
            <translation>Authentifizierung</translation>
        </message>
        <message>
            <source>quota exhausted</source>
            <comment>error class</comment>
            <translation>Kontingent erschöpft</translation>
        </message>
        <message>
            <source>invalid output</source>
            <comment>error class</comment>
            <translation>ungültige Ausgabe</translation>
        </message>
        <message>
            <source>unsafe output</source>
            <comment>error class</comment>
            <translation>unsichere Ausgabe</translation>
        </message>
        <message>
            <source>file error</source>
            <comment>error class</comment>
            <translation>Dateifehler</translation>
        </message>
        <message>
            <source>disk full</source>
            <comment>error class</comment>
            <translation>Datenträger voll</translation>
        </message>
        <message>
            <source>cancelled</source>
            <comment>error class</comment>
            <translation>abgebrochen</translation>
        </message>
        <message>
            <source>Check the network connection, then retry.</source>
            <translation>Prüfen Sie die Netzwerkverbindung und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>The provider is slow; retry, or switch to another provider.</source>
            <translation>Der Anbieter ist langsam; erneut versuchen oder zu einem anderen Anbieter wechseln.</translation>
        </message>
        <message>
            <source>The provider limits the request rate; wait, lower the concurrency or switch provider.</source>
            <translation>Der Anbieter begrenzt die Anfragerate; warten, die Parallelität senken oder den Anbieter wechseln.</translation>
        </message>
        <message>
            <source>The provider is down; retry later or switch provider.</source>
            <translation>Der Anbieter ist ausgefallen; später erneut versuchen oder den Anbieter wechseln.</translation>
        </message>
        <message>
            <source>The model failed on this job; retry, or switch provider.</source>
            <translation>Das Modell ist an diesem Auftrag gescheitert; erneut versuchen oder den Anbieter wechseln.</translation>
        </message>
        <message>
            <source>The provider's GPU ran out of memory; Retake tries a lower resolution. Lower the shot's size or steps, or switch to a provider with more memory.</source>
            <translation>Der GPU des Anbieters ist der Speicher ausgegangen; Retake versucht eine geringere Auflösung. Verringern Sie Größe oder Schritte des Shots, oder wechseln Sie zu einem Anbieter mit mehr Speicher.</translation>
        </message>
        <message>
            <source>The prompt was rejected; edit the prompt or switch provider.</source>
            <translation>Der Prompt wurde abgelehnt; den Prompt bearbeiten oder den Anbieter wechseln.</translation>
        </message>
        <message>
            <source>The request was refused as invalid; fix the shot's parameters or switch provider.</source>
            <translation>Die Anfrage wurde als ungültig abgelehnt; die Parameter des Shots korrigieren oder den Anbieter wechseln.</translation>
        </message>
        <message>
            <source>The provider refused the API key; check the key, or switch provider.</source>
            <translation>Der Anbieter hat den API-Schlüssel abgelehnt; den Schlüssel prüfen oder den Anbieter wechseln.</translation>
        </message>
        <message>
            <source>The provider's quota is used up; switch provider or raise the quota.</source>
            <translation>Das Kontingent des Anbieters ist aufgebraucht; den Anbieter wechseln oder das Kontingent erhöhen.</translation>
        </message>
        <message>
            <source>The output did not pass verification; retry.</source>
            <translation>Die Ausgabe hat die Prüfung nicht bestanden; erneut versuchen.</translation>
        </message>
        <message>
            <source>The provider tried to write outside the workspace; switch provider.</source>
            <translation>Der Anbieter wollte außerhalb des Arbeitsordners schreiben; den Anbieter wechseln.</translation>
        </message>
        <message>
            <source>Check that the workspace folder is writable, then retry.</source>
            <translation>Prüfen Sie, ob der Arbeitsordner beschreibbar ist, und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>Free some disk space; Retake resumes by itself.</source>
            <translation>Geben Sie Speicherplatz frei; Retake setzt von selbst fort.</translation>
        </message>
        <message>
            <source>Cancelled by you; retry to run it again.</source>
            <translation>Von Ihnen abgebrochen; erneut versuchen, um sie wieder auszuführen.</translation>
        </message>
        <message>
            <source>primary</source>
            <comment>degradation rung</comment>
            <translation>primär</translation>
        </message>
        <message>
            <source>alternative provider</source>
            <comment>degradation rung</comment>
            <translation>alternativer Anbieter</translation>
        </message>
        <message>
            <source>simplified prompt</source>
            <comment>degradation rung</comment>
            <translation>vereinfachter Prompt</translation>
        </message>
        <message>
            <source>lower resolution</source>
            <comment>degradation rung</comment>
            <translation>geringere Auflösung</translation>
        </message>
        <message>
            <source>built-in fallback</source>
            <comment>degradation rung</comment>
            <translation>eingebauter Ersatz</translation>
        </message>
        <message>
            <source>none</source>
            <comment>output quality</comment>
            <translation>keine</translation>
        </message>
        <message>
            <source>full quality</source>
            <comment>output quality</comment>
            <translation>volle Qualität</translation>
        </message>
        <message>
            <source>reduced quality</source>
            <comment>output quality</comment>
            <translation>reduzierte Qualität</translation>
        </message>
        <message>
            <source>fallback quality</source>
            <comment>output quality</comment>
            <translation>Ersatzqualität</translation>
        </message>
        <message>
            <source>full · other provider</source>
            <comment>output quality: full parameters, but made by an alternative provider</comment>
            <translation>volle Qualität · anderer Anbieter</translation>
        </message>
        <message>
            <source>%1 %</source>
            <comment>progress of a running task</comment>
            <translation>%1 %</translation>
        </message>
        <message>
            <source>retry %1 s</source>
            <comment>countdown to the next automatic retry</comment>
            <translation>neu in %1 s</translation>
        </message>
        <message>
            <source>degraded</source>
            <comment>a done task below full quality</comment>
            <translation>reduziert</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <comment>stage: state</comment>
            <translation>%1: %2</translation>
        </message>
        <message>
            <source> (%1)</source>
            <comment>quality in a task description</comment>
            <translation> (%1)</translation>
        </message>
        <message numerus="yes">
            <source>, %n attempt(s)</source>
            <translation>
                <numerusform>, %n Versuch</numerusform>
                <numerusform>, %n Versuche</numerusform>
            </translation>
        </message>
        <message>
            <source>, %1 % done</source>
            <translation>, %1 % erledigt</translation>
        </message>
        <message numerus="yes">
            <source>, next try in %n second(s)</source>
            <translation>
                <numerusform>, nächster Versuch in %n Sekunde</numerusform>
                <numerusform>, nächster Versuch in %n Sekunden</numerusform>
            </translation>
        </message>
        <message>
            <source>, last error: %1</source>
            <translation>, letzter Fehler: %1</translation>
        </message>
        <message>
            <source>Voice-over</source>
            <comment>generation stage</comment>
            <translation>Sprecherstimme</translation>
        </message>
        <message>
            <source>Cut</source>
            <comment>generation stage: assembling shots into a scene or film</comment>
            <translation>Schnitt</translation>
        </message>
        <message>
            <source>VOICE</source>
            <comment>short label of a scene's voice-over on its header</comment>
            <translation>TON</translation>
        </message>
        <message>
            <source>CUT</source>
            <comment>short label of a scene's (or the film's) assembly on its header</comment>
            <translation>SCHNITT</translation>
        </message>
        <message>
            <source>alternative settings</source>
            <comment>degradation rung (audio: another voice)</comment>
            <translation>alternative Einstellungen</translation>
        </message>
        <message>
            <source>waiting</source>
            <comment>short task state on a tile chip</comment>
            <translation>wartet</translation>
        </message>
        <message>
            <source>queued</source>
            <comment>short task state on a tile chip</comment>
            <translation>eingereiht</translation>
        </message>
        <message>
            <source>running</source>
            <comment>short task state on a tile chip</comment>
            <translation>läuft</translation>
        </message>
        <message>
            <source>retrying</source>
            <comment>short task state on a tile chip</comment>
            <translation>wiederh.</translation>
        </message>
        <message>
            <source>done</source>
            <comment>short task state on a tile chip</comment>
            <translation>fertig</translation>
        </message>
        <message>
            <source>failed</source>
            <comment>short task state on a tile chip</comment>
            <translation>Fehler</translation>
        </message>
        <message>
            <source>blocked</source>
            <comment>short task state on a tile chip</comment>
            <translation>blockiert</translation>
        </message>
        <message>
            <source>interrupted</source>
            <comment>short task state on a tile chip</comment>
            <translation>unterbr.</translation>
        </message>
        <message>
            <source>cancelled</source>
            <comment>short task state on a tile chip</comment>
            <translation>abgebr.</translation>
        </message>
        <message>
            <source>skipped</source>
            <comment>short task state on a tile chip</comment>
            <translation>übersp.</translation>
        </message>
    </context>
    <context>
        <name>StoryboardPatcher</name>
        <message>
            <source>the storyboard is not valid JSON</source>
            <translation>das Storyboard ist kein gültiges JSON</translation>
        </message>
        <message>
            <source>shot %1 is not in the storyboard</source>
            <translation>Shot %1 ist nicht im Storyboard</translation>
        </message>
        <message>
            <source>shot %1 has no "prompt" to change</source>
            <translation>Shot %1 hat keinen „prompt“, der sich ändern ließe</translation>
        </message>
        <message>
            <source>cannot read %1: %2</source>
            <translation>%1 kann nicht gelesen werden: %2</translation>
        </message>
        <message>
            <source>the new prompt makes the storyboard invalid: %1</source>
            <translation>der neue Prompt macht das Storyboard ungültig: %1</translation>
        </message>
        <message>
            <source>cannot write %1: %2</source>
            <translation>%1 kann nicht geschrieben werden: %2</translation>
        </message>
    </context>
    <context>
        <name>main</name>
        <message>
            <source>Batch monitor for AI media generation.</source>
            <translation>Batch-Monitor für KI-Mediengenerierung.</translation>
        </message>
        <message>
            <source>A storyboard (.retake.json) or CSV shot list.</source>
            <translation>Ein Storyboard (.retake.json) oder eine CSV-Shotliste.</translation>
        </message>
        <message>
            <source>Start the batch as soon as FILE is open.</source>
            <translation>Den Batch starten, sobald FILE geöffnet ist.</translation>
        </message>
        <message>
            <source>Displays version information.</source>
            <translation>Zeigt die Versionsinformation an.</translation>
        </message>
    </context>
    <context>
        <name>retake</name>
        <message>
            <source>Check the network connection, then retry.</source>
            <translation>Prüfen Sie die Netzwerkverbindung und versuchen Sie es dann erneut.</translation>
        </message>
        <message>
            <source>The provider is slow: retry later or switch provider.</source>
            <translation>Der Anbieter ist langsam: später erneut versuchen oder den Anbieter wechseln.</translation>
        </message>
        <message>
            <source>The provider is rate limiting: pause, lower concurrency or switch provider.</source>
            <translation>Der Anbieter drosselt die Anfragen: pausieren, weniger parallele Anfragen zulassen oder den Anbieter wechseln.</translation>
        </message>
        <message>
            <source>The provider is down: retry later or switch provider.</source>
            <translation>Der Anbieter ist nicht erreichbar: später erneut versuchen oder den Anbieter wechseln.</translation>
        </message>
        <message>
            <source>The model failed on this job: retry, or switch provider.</source>
            <translation>Das Modell ist an diesem Auftrag gescheitert: erneut versuchen oder den Anbieter wechseln.</translation>
        </message>
        <message>
            <source>The GPU ran out of memory: lower the resolution or steps, or switch provider.</source>
            <translation>Der GPU ist der Speicher ausgegangen: Auflösung oder Schritte verringern oder den Anbieter wechseln.</translation>
        </message>
        <message>
            <source>The prompt was rejected: edit the prompt or switch provider.</source>
            <translation>Der Prompt wurde abgelehnt: den Prompt bearbeiten oder den Anbieter wechseln.</translation>
        </message>
        <message>
            <source>The request was invalid: fix the shot's parameters, then retry.</source>
            <translation>Die Anfrage war ungültig: die Parameter des Shots korrigieren und dann erneut versuchen.</translation>
        </message>
        <message>
            <source>Check the provider's API key, or switch provider.</source>
            <translation>Den API-Schlüssel des Anbieters prüfen oder den Anbieter wechseln.</translation>
        </message>
        <message>
            <source>The account's quota is used up: top it up or switch provider.</source>
            <translation>Das Kontingent des Kontos ist aufgebraucht: aufstocken oder den Anbieter wechseln.</translation>
        </message>
        <message>
            <source>The provider returned an unusable file: retry or switch provider.</source>
            <translation>Der Anbieter hat eine unbrauchbare Datei geliefert: erneut versuchen oder den Anbieter wechseln.</translation>
        </message>
        <message>
            <source>The provider tried to write outside the workspace: check the provider, then retry.</source>
            <translation>Der Anbieter wollte außerhalb des Arbeitsordners schreiben: den Anbieter prüfen und dann erneut versuchen.</translation>
        </message>
        <message>
            <source>Check that the workspace folder is writable, then retry.</source>
            <translation>Prüfen Sie, ob der Arbeitsordner beschreibbar ist, und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>Free disk space; the batch resumes by itself.</source>
            <translation>Speicherplatz freigeben; der Batch wird von selbst fortgesetzt.</translation>
        </message>
        <message>
            <source>Retry when you want this task to run.</source>
            <translation>Erneut versuchen, wenn diese Aufgabe laufen soll.</translation>
        </message>
    </context>
    <context>
        <name>retake::Engine</name>
        <message>
            <source>%1 cannot be reached; its tasks go to the pool's other endpoints, and it is tried again in %2 s.</source>
            <extracomment>%1 is a pool's endpoint (provider@host:port), %2 seconds.</extracomment>
            <translation>%1 ist nicht erreichbar; seine Aufgaben gehen an die anderen Endpunkte des Pools, in %2 s wird es erneut versucht.</translation>
        </message>
        <message>
            <source> — %1 cannot be reached; the task goes to another endpoint of %2 (no retry spent)</source>
            <extracomment>%1 is an endpoint (host:port), %2 the pool's provider id.</extracomment>
            <translation> — %1 ist nicht erreichbar; die Aufgabe geht an einen anderen Endpunkt von %2 (kein Wiederholungsversuch verbraucht)</translation>
        </message>
        <message>
            <source>%1: remote job %2 was on %3, which is not available now; it is submitted again on %4.</source>
            <extracomment>%1 task, %2 remote job id, %3 and %4 endpoints (host:port) of a pool.</extracomment>
            <translation>%1: der entfernte Auftrag %2 lief auf %3, das jetzt nicht verfügbar ist; er wird auf %4 erneut eingereicht.</translation>
        </message>
        <message>
            <source>cannot create %1; check that the workspace is writable</source>
            <extracomment>%1 is the attempt's staging folder.</extracomment>
            <translation>%1 kann nicht angelegt werden; prüfen Sie, ob der Arbeitsordner beschreibbar ist</translation>
        </message>
        <message>
            <source>the provider named an output outside the attempt folder (%1); it was moved to _untrusted/</source>
            <extracomment>%1 is the file name the provider named.</extracomment>
            <translation>der Anbieter hat eine Ausgabe außerhalb des Versuchsordners angegeben (%1); sie wurde nach _untrusted/ verschoben</translation>
        </message>
        <message>
            <source>the provider reported success without a file</source>
            <translation>der Anbieter hat Erfolg gemeldet, aber keine Datei geliefert</translation>
        </message>
        <message>
            <source>cancelled by the user</source>
            <translation>vom Benutzer abgebrochen</translation>
        </message>
        <message>
            <source>the output was cut short on a full drive (%1)</source>
            <extracomment>%1 is what the output check found wrong with the file.</extracomment>
            <translation>die Ausgabe wurde auf einem vollen Laufwerk abgeschnitten (%1)</translation>
        </message>
        <message>
            <source>: has no duration</source>
            <translation>: hat keine Dauer</translation>
        </message>
        <message>
            <source>%1: unknown fit "%2" in the profile of %3 (pad, crop or stretch); it is padded</source>
            <extracomment>%1 is the task, %2 the fit mode as written, %3 the provider. pad, crop and stretch are the values the profile may use.</extracomment>
            <translation>%1: unbekannte Anpassung „%2“ im Profil von %3 (pad, crop oder stretch); es wird „pad“ verwendet</translation>
        </message>
        <message>
            <source>%1: kept the provider's %2x%3 output as delivered; conforming it to %4x%5 failed (%6). Check that ffmpeg works (RETAKE_FFMPEG names it), then conform the draft file by hand or retry the shot</source>
            <extracomment>%1 is the task; %2x%3 the delivered size, %4x%5 the shot's size (pixels); %6 why conforming failed. RETAKE_FFMPEG is an environment variable.</extracomment>
            <translation>%1: die %2x%3-Ausgabe des Anbieters wurde wie geliefert behalten; die Anpassung an %4x%5 ist fehlgeschlagen (%6). Prüfen Sie, ob ffmpeg funktioniert (RETAKE_FFMPEG gibt es an), und passen Sie dann die Datei in draft/ von Hand an oder wiederholen Sie den Shot</translation>
        </message>
        <message>
            <source>cannot move the verified output to %1</source>
            <extracomment>%1 is the output's path in the workspace.</extracomment>
            <translation>die geprüfte Ausgabe kann nicht nach %1 verschoben werden</translation>
        </message>
        <message>
            <source>the provider's original could not be kept as %1</source>
            <extracomment>%1 is a path in the workspace.</extracomment>
            <translation>das Original des Anbieters konnte nicht als %1 aufbewahrt werden</translation>
        </message>
        <message>
            <source>Budget cap reached: %1 of %2 cost units spent, %3 in flight, the next task would cost %4. Dispatching stopped; nothing in flight is lost. Raise the cap to continue.</source>
            <extracomment>%1 spent, %2 the cap, %3 in flight, %4 the next task's cost (all in cost units).</extracomment>
            <translation>Budgetgrenze erreicht: %1 von %2 Kosteneinheiten ausgegeben, %3 in laufenden Versuchen, die nächste Aufgabe würde %4 kosten. Es werden keine Aufgaben mehr gestartet; laufende Versuche gehen nicht verloren. Erhöhen Sie die Budgetgrenze, um fortzufahren.</translation>
        </message>
        <message>
            <source>Budget cap raised to %1 cost units (%2 spent): dispatching continues.</source>
            <extracomment>%1 is the new cap, %2 what was spent (cost units).</extracomment>
            <translation>Budgetgrenze auf %1 Kosteneinheiten erhöht (%2 ausgegeben): Aufgaben werden wieder gestartet.</translation>
        </message>
        <message>
            <source>Budget cap removed (%1 spent): dispatching continues.</source>
            <extracomment>%1 is what was spent (cost units).</extracomment>
            <translation>Budgetgrenze aufgehoben (%1 ausgegeben): Aufgaben werden wieder gestartet.</translation>
        </message>
        <message>
            <source>Checkpoint %1 (%2).</source>
            <extracomment>%1 is the checkpoint's id, %2 why it was made (in English, e.g. "manual").</extracomment>
            <translation>Sicherungspunkt %1 (%2).</translation>
        </message>
        <message>
            <source>Could not create a checkpoint (%1): %2</source>
            <extracomment>%1 is why it was to be made (in English), %2 the error.</extracomment>
            <translation>Sicherungspunkt konnte nicht angelegt werden (%1): %2</translation>
        </message>
        <message>
            <source>Checkpoint %1 was removed from the list: its file %2 is missing (it was interrupted while being written, or deleted).</source>
            <translation>Sicherungspunkt %1 wurde aus der Liste entfernt: seine Datei %2 fehlt (sie wurde beim Schreiben unterbrochen oder gelöscht).</translation>
        </message>
        <message>
            <source>checkpoint %1 cannot be restored: its file %2 is gone (it was interrupted while being written, or deleted), so it was removed from the list; pick another one from retake-cli checkpoint list</source>
            <translation>Sicherungspunkt %1 kann nicht wiederhergestellt werden: seine Datei %2 fehlt (sie wurde beim Schreiben unterbrochen oder gelöscht), daher wurde er aus der Liste entfernt; wählen Sie einen anderen aus retake-cli checkpoint list</translation>
        </message>
        <message>
            <source>there is no checkpoint "%1" (retake-cli checkpoint list shows them)</source>
            <translation>es gibt keinen Sicherungspunkt „%1“ (retake-cli checkpoint list zeigt sie an)</translation>
        </message>
        <message>
            <source>checkpoint %1 names a file outside the workspace's checkpoints/ folder; it was not read. Restore another checkpoint (retake-cli checkpoint list shows them)</source>
            <translation>Sicherungspunkt %1 verweist auf eine Datei außerhalb des Ordners checkpoints/ im Arbeitsordner; sie wurde nicht gelesen. Stellen Sie einen anderen Sicherungspunkt wieder her (retake-cli checkpoint list zeigt sie an)</translation>
        </message>
        <message>
            <source>checkpoint %1 cannot be read: %2</source>
            <translation>Sicherungspunkt %1 kann nicht gelesen werden: %2</translation>
        </message>
        <message>
            <source>could not save the current state before restoring: %1</source>
            <translation>der aktuelle Zustand konnte vor dem Wiederherstellen nicht gesichert werden: %1</translation>
        </message>
        <message>
            <source>draft/ is a link to %1, outside the workspace; nothing was deleted. Replace the link with a folder of the workspace, then discard again.</source>
            <translation>draft/ ist ein Link auf %1 außerhalb des Arbeitsordners; nichts wurde gelöscht. Ersetzen Sie den Link durch einen Ordner im Arbeitsordner und verwerfen Sie dann erneut.</translation>
        </message>
        <message>
            <source>its file is outside the workspace's checkpoints/ folder</source>
            <translation>seine Datei liegt außerhalb des Ordners checkpoints/ im Arbeitsordner</translation>
        </message>
        <message>
            <source>checkpoint %1 cannot be read (%2); nothing was deleted</source>
            <translation>Sicherungspunkt %1 kann nicht gelesen werden (%2); nichts wurde gelöscht</translation>
        </message>
        <message>
            <source>%1 MB free in %2, below the %3 MB reserve</source>
            <extracomment>%1 MB free, %2 the folder, %3 the reserve in MB. Shown after "Disk full: ".</extracomment>
            <translation>%1 MB frei in %2, unter der Reserve von %3 MB</translation>
        </message>
        <message>
            <source>Disk space is back: resuming.</source>
            <translation>Wieder genug Speicherplatz: es geht weiter.</translation>
        </message>
        <message>
            <source>Disk full: %1. Dispatching is paused and resumes by itself when space returns; finished outputs are kept.</source>
            <extracomment>%1 says which folder is short of space, or which task could not write its output.</extracomment>
            <translation>Laufwerk voll: %1. Bis wieder Platz frei ist, werden keine Aufgaben gestartet; danach geht es von selbst weiter. Fertige Ausgaben bleiben erhalten.</translation>
        </message>
        <message>
            <source>Run %1 is paused and continues the next time this storyboard is opened.</source>
            <translation>Lauf %1 ist pausiert und wird fortgesetzt, wenn dieses Storyboard das nächste Mal geöffnet wird.</translation>
        </message>
        <message>
            <source>%1 task(s) are running; pause and wait for them (or cancel) before restoring a checkpoint</source>
            <translation>%1 Aufgabe(n) laufen; pausieren Sie und warten Sie auf sie (oder brechen Sie ab), bevor Sie einen Sicherungspunkt wiederherstellen</translation>
        </message>
        <message>
            <source>Restored checkpoint %1; the state before it is checkpoint %2.</source>
            <translation>Sicherungspunkt %1 wiederhergestellt; der Zustand davor ist Sicherungspunkt %2.</translation>
        </message>
        <message>
            <source>tasks are running; wait for the batch to finish first</source>
            <translation>es laufen noch Aufgaben; warten Sie zuerst, bis der Batch fertig ist</translation>
        </message>
        <message>
            <source>Cancelling: in-flight attempts are being stopped.</source>
            <translation>Abbruch: laufende Versuche werden gestoppt.</translation>
        </message>
        <message>
            <source>%1: switched to provider %2.</source>
            <translation>%1: zu Anbieter %2 gewechselt.</translation>
        </message>
        <message>
            <source>Could not save the batch state (will try again): %1</source>
            <translation>Der Zustand des Batches konnte nicht gespeichert werden (Retake versucht es erneut): %1</translation>
        </message>
        <message>
            <source>Resuming run %1, which stopped before it finished.</source>
            <translation>Lauf %1 wird fortgesetzt; er wurde vor dem Ende gestoppt.</translation>
        </message>
        <message>
            <source>Run %1 was paused when Retake quit; Run continues it.</source>
            <translation>Lauf %1 wurde beim Beenden von Retake pausiert; Starten setzt ihn fort.</translation>
        </message>
        <message>
            <source>provider "%1" is not configured</source>
            <translation>Anbieter „%1“ ist nicht eingerichtet</translation>
        </message>
        <message>
            <source>provider "%1" cannot make %2s</source>
            <extracomment>%2 is the stage in English (image, video, voice...); "s" makes it plural.</extracomment>
            <translation>Anbieter „%1“ kann die Stufe %2 nicht ausführen</translation>
        </message>
        <message>
            <source>; choose another provider for this task</source>
            <translation>; wählen Sie einen anderen Anbieter für diese Aufgabe</translation>
        </message>
        <message>
            <source>re-attached to remote job %1 after a restart</source>
            <extracomment>%1 is the provider's job id.</extracomment>
            <translation>nach einem Neustart wieder mit dem Auftrag %1 beim Anbieter verbunden</translation>
        </message>
        <message>
            <source>%1: re-attached to remote job %2 on %3 (submitted before the restart); it is not submitted again.</source>
            <extracomment>%1 is the task, %2 the provider's job id, %3 the provider.</extracomment>
            <translation>%1: wieder mit dem Auftrag %2 bei %3 verbunden (vor dem Neustart übermittelt); er wird nicht erneut übermittelt.</translation>
        </message>
        <message>
            <source>%1: remote job %2 is no longer known to %3; submitted again as %4.</source>
            <extracomment>%1 is the task, %2 the old job id, %3 the provider, %4 the new job id.</extracomment>
            <translation>%1: der Auftrag %2 ist bei %3 nicht mehr bekannt; erneut übermittelt als %4.</translation>
        </message>
        <message>
            <source>%1: %2 named its job with an id Retake does not store (%3); if Retake stops before it ends, the job will be submitted again.</source>
            <extracomment>%1 is the task, %2 the provider, %3 the job id it sent.</extracomment>
            <translation>%1: %2 hat seinem Auftrag eine Kennung gegeben, die Retake nicht speichert (%3); wird Retake vor dessen Ende beendet, wird der Auftrag erneut übermittelt.</translation>
        </message>
        <message>
            <source>%1 keeps its output until there is room for it (%2)</source>
            <extracomment>%1 is the task, %2 what could not be written.</extracomment>
            <translation>%1 behält seine Ausgabe, bis Platz dafür frei ist (%2)</translation>
        </message>
        <message>
            <source>%1: done at full quality on another provider (%2).</source>
            <translation>%1: in voller Qualität bei einem anderen Anbieter fertig (%2).</translation>
        </message>
        <message>
            <source>%1: done at %2 quality (%3 on %4).</source>
            <extracomment>%1 is the task, %2 the quality reached (in English, e.g. reduced), %3 the fallback rung (in English), %4 the provider.</extracomment>
            <translation>%1: fertig in Qualität „%2“ (%3 bei %4).</translation>
        </message>
        <message>
            <source>%1 could not write its output (%2)</source>
            <extracomment>%1 is the task, %2 the error.</extracomment>
            <translation>%1 konnte seine Ausgabe nicht schreiben (%2)</translation>
        </message>
        <message>
            <source> — waiting %1 s on %2 (%3 s of %4 s waited on this rung; no retry spent)</source>
            <extracomment>Appended to a rate-limit message. %1 is the wait in seconds, %2 the provider, %3 the seconds waited so far on this rung of the fallback ladder, %4 the most it waits.</extracomment>
            <translation> — wartet %1 s auf %2 (%3 s von %4 s auf dieser Ausweichstufe gewartet; kein Wiederholungsversuch verbraucht)</translation>
        </message>
        <message>
            <source>%1: the full-quality retry failed (%2); keeping the degraded output.</source>
            <extracomment>%1 is the task, %2 the error class (in English).</extracomment>
            <translation>%1: die Wiederholung in voller Qualität ist fehlgeschlagen (%2); die Ausgabe in reduzierter Qualität bleibt.</translation>
        </message>
        <message>
            <source>%1: failed after %2 attempt(s): %3 — %4</source>
            <extracomment>%1 is the task, %2 the number of attempts, %3 the error class (in English, e.g. timeout), %4 the last attempt's message.</extracomment>
            <translation>%1: nach %2 Versuch(en) fehlgeschlagen: %3 — %4</translation>
        </message>
        <message>
            <source>%1: could not archive the failed attempt's files: %2</source>
            <extracomment>%1 is the task, %2 the error.</extracomment>
            <translation>%1: die Dateien des fehlgeschlagenen Versuchs konnten nicht archiviert werden: %2</translation>
        </message>
        <message>
            <source>%1: could not write error.json: %2</source>
            <extracomment>%1 is the task, %2 the error. error.json is a file name.</extracomment>
            <translation>%1: error.json konnte nicht geschrieben werden: %2</translation>
        </message>
        <message>
            <source>%1: %2 failures in a row; avoiding it for %3 s.</source>
            <extracomment>%1 is the provider, %2 the number of failures, %3 seconds.</extracomment>
            <translation>%1: %2 Fehlschläge in Folge; wird %3 s lang gemieden.</translation>
        </message>
        <message>
            <source>%1: %2 is cooling down after repeated failures; moving to %3 (%4).</source>
            <extracomment>%1 is the task, %2 the provider it leaves, %3 the one it moves to, %4 the fallback rung (in English).</extracomment>
            <translation>%1: %2 pausiert nach wiederholten Fehlschlägen; Wechsel zu %3 (%4).</translation>
        </message>
        <message>
            <source>the shot was edited since the last run; it will run again</source>
            <translation>der Shot wurde seit dem letzten Lauf bearbeitet; er wird erneut ausgeführt</translation>
        </message>
        <message>
            <source>its output path in the state (%1) leads outside the workspace's draft/ folder; it was not used and the task will run again</source>
            <extracomment>%1 is the path stored in the batch state.</extracomment>
            <translation>sein Ausgabepfad im gespeicherten Zustand (%1) führt aus dem Ordner draft/ im Arbeitsordner hinaus; er wurde nicht verwendet, und die Aufgabe wird erneut ausgeführt</translation>
        </message>
        <message>
            <source>cannot read %1 (%2)</source>
            <extracomment>%1 is a file name, %2 why it cannot be read.</extracomment>
            <translation>%1 kann nicht gelesen werden (%2)</translation>
        </message>
        <message>
            <source>cannot write %1</source>
            <translation>%1 kann nicht geschrieben werden</translation>
        </message>
        <message>
            <source>ffmpeg did not start</source>
            <translation>ffmpeg ist nicht gestartet</translation>
        </message>
        <message>
            <source>ffmpeg did not finish within %1 min</source>
            <translation>ffmpeg ist nicht innerhalb von %1 min fertig geworden</translation>
        </message>
        <message>
            <source>ffmpeg failed with exit code %1</source>
            <translation>ffmpeg ist mit Exit-Code %1 fehlgeschlagen</translation>
        </message>
        <message>
            <source>ffprobe did not finish within %1 s</source>
            <translation>ffprobe ist nicht innerhalb von %1 s fertig geworden</translation>
        </message>
        <message>
            <source>has no audio stream</source>
            <translation>hat keine Tonspur</translation>
        </message>
        <message>
            <source>has no decodable audio</source>
            <translation>hat keinen dekodierbaren Ton</translation>
        </message>
        <message>
            <source>has no duration</source>
            <translation>hat keine Dauer</translation>
        </message>
        <message>
            <source>has no video stream</source>
            <translation>hat keine Videospur</translation>
        </message>
        <message>
            <source>has no readable frames</source>
            <translation>hat keine lesbaren Bilder</translation>
        </message>
        <message>
            <source>truncated: %1 of %2 frames readable</source>
            <translation>abgeschnitten: %1 von %2 Bildern lesbar</translation>
        </message>
        <message>
            <source>duration is unknown</source>
            <translation>Dauer ist unbekannt</translation>
        </message>
        <message>
            <source>duration %1 s, expected %2 s</source>
            <extracomment>%1 is the measured duration, %2 the shot's.</extracomment>
            <translation>Dauer %1 s, erwartet %2 s</translation>
        </message>
        <message>
            <source>no output file was reported</source>
            <translation>es wurde keine Ausgabedatei gemeldet</translation>
        </message>
        <message>
            <source>file is missing</source>
            <translation>Datei fehlt</translation>
        </message>
        <message>
            <source>is not a regular file</source>
            <translation>ist keine normale Datei</translation>
        </message>
        <message>
            <source>file is empty</source>
            <translation>Datei ist leer</translation>
        </message>
        <message>
            <source>file cannot be read (permission denied)</source>
            <translation>Datei kann nicht gelesen werden (keine Berechtigung)</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ActivityLog</name>
        <message>
            <source>Activity log</source>
            <translation>Aktivitätsprotokoll</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::AttemptModel</name>
        <message>
            <source>Stage</source>
            <translation>Stufe</translation>
        </message>
        <message>
            <source>#</source>
            <comment>attempt number</comment>
            <translation>#</translation>
        </message>
        <message>
            <source>Rung</source>
            <translation>Ausweichstufe</translation>
        </message>
        <message>
            <source>Provider / model</source>
            <translation>Anbieter / Modell</translation>
        </message>
        <message>
            <source>Started</source>
            <translation>Begonnen</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>Dauer</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Ergebnis</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Meldung</translation>
        </message>
        <message>
            <source>HTTP</source>
            <translation>HTTP</translation>
        </message>
        <message>
            <source>Files of the attempt: %1</source>
            <translation>Dateien des Versuchs: %1</translation>
        </message>
        <message>
            <source>%1 / %2</source>
            <comment>provider / model</comment>
            <translation>%1 / %2</translation>
        </message>
        <message>
            <source>running</source>
            <translation>läuft</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>no output</source>
            <translation>keine Ausgabe</translation>
        </message>
        <message>
            <source>failed</source>
            <comment>attempt outcome</comment>
            <translation>fehlgeschlagen</translation>
        </message>
        <message>
            <source>not counted</source>
            <comment>attempt outcome (disk full, cancelled)</comment>
            <translation>nicht gezählt</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <comment>cell text: attempt message</comment>
            <translation>%1: %2</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::BannerCoordinator</name>
        <message numerus="yes">
            <source>%1 and %n more</source>
            <translation>
                <numerusform>%1 und %n weitere</numerusform>
                <numerusform>%1 und %n weitere</numerusform>
            </translation>
        </message>
        <message>
            <source>Switch provider…</source>
            <translation>Anbieter wechseln…</translation>
        </message>
        <message>
            <source>Run every failed task on another provider</source>
            <translation>Alle fehlgeschlagenen Aufgaben bei einem anderen Anbieter ausführen</translation>
        </message>
        <message>
            <source>Run the rate-limited tasks on another provider</source>
            <translation>Die ratenbegrenzten Aufgaben bei einem anderen Anbieter ausführen</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>Ordner öffnen</translation>
        </message>
        <message>
            <source>Open the workspace folder to free some space</source>
            <translation>Den Arbeitsordner öffnen, um Platz freizugeben</translation>
        </message>
        <message>
            <source>Retry now</source>
            <translation>Jetzt erneut versuchen</translation>
        </message>
        <message>
            <source>Check the free space again now</source>
            <translation>Den freien Speicherplatz jetzt erneut prüfen</translation>
        </message>
        <message>
            <source>Edit prompt…</source>
            <translation>Prompt bearbeiten…</translation>
        </message>
        <message>
            <source>Rewrite the rejected prompt</source>
            <translation>Den abgelehnten Prompt umschreiben</translation>
        </message>
        <message>
            <source>Run the rejected tasks on another provider</source>
            <translation>Die abgelehnten Aufgaben bei einem anderen Anbieter ausführen</translation>
        </message>
        <message>
            <source>Run these tasks on another provider</source>
            <translation>Diese Aufgaben bei einem anderen Anbieter ausführen</translation>
        </message>
        <message>
            <source>Change the prompt of the shot that keeps failing</source>
            <translation>Den Prompt des Shots ändern, der immer wieder fehlschlägt</translation>
        </message>
        <message>
            <source>Run the tasks waiting for %1 on another provider</source>
            <translation>Die Aufgaben, die auf %1 warten, bei einem anderen Anbieter ausführen</translation>
        </message>
        <message>
            <source>Stop waiting for the cool-down and send %1 requests again now</source>
            <translation>Nicht auf die Abkühlpause warten und jetzt wieder Anfragen an %1 senden</translation>
        </message>
        <message>
            <source>Retrying provider %1 now, without waiting for its cool-down.</source>
            <translation>Anbieter %1 wird jetzt erneut versucht, ohne die Abkühlpause abzuwarten.</translation>
        </message>
        <message>
            <source>Provider %1 keeps failing (%2) and is paused for a cool-down.</source>
            <translation>Anbieter %1 scheitert wiederholt (%2) und pausiert für eine Abkühlphase.</translation>
        </message>
        <message>
            <source>Provider %1 keeps failing (%2) and is paused for a cool-down until %3.</source>
            <translation>Anbieter %1 scheitert wiederholt (%2) und pausiert bis %3.</translation>
        </message>
        <message>
            <source>Its tasks move to other providers or wait.</source>
            <translation>Seine Aufgaben wechseln zu anderen Anbietern oder warten.</translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) failed and need you.</source>
            <translation>
                <numerusform>%n Aufgabe ist fehlgeschlagen und braucht Sie.</numerusform>
                <numerusform>%n Aufgaben sind fehlgeschlagen und brauchen Sie.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n more wait for them.</source>
            <translation>
                <numerusform>%n weitere wartet darauf.</numerusform>
                <numerusform>%n weitere warten darauf.</numerusform>
            </translation>
        </message>
        <message>
            <source>Retry them, or run them on another provider.</source>
            <translation>Versuchen Sie sie erneut oder führen Sie sie bei einem anderen Anbieter aus.</translation>
        </message>
        <message>
            <source>%1 failed again with the same error (%2) after %3 retries by hand. Retrying will not help: run it on another provider or edit the prompt.</source>
            <translation>%1 ist nach %3 manuellen Wiederholungen erneut mit demselben Fehler (%2) gescheitert. Weitere Versuche helfen nicht: bei einem anderen Anbieter ausführen oder den Prompt bearbeiten.</translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) failed again with the same error after 3 retries by hand (%1). Retrying will not help: run them on another provider or edit the prompts.</source>
            <translation>
                <numerusform>%n Aufgabe ist nach 3 manuellen Wiederholungen erneut mit demselben Fehler gescheitert (%1). Weitere Versuche helfen nicht: bei einem anderen Anbieter ausführen oder die Prompts bearbeiten.</numerusform>
                <numerusform>%n Aufgaben sind nach 3 manuellen Wiederholungen erneut mit demselben Fehler gescheitert (%1). Weitere Versuche helfen nicht: bei einem anderen Anbieter ausführen oder die Prompts bearbeiten.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 is rate-limiting requests (HTTP 429): %n task(s) wait for their retry.</source>
            <translation>
                <numerusform>%1 begrenzt die Anfragerate (HTTP 429): %n Aufgabe wartet auf ihre Wiederholung.</numerusform>
                <numerusform>%1 begrenzt die Anfragerate (HTTP 429): %n Aufgaben warten auf ihre Wiederholung.</numerusform>
            </translation>
        </message>
        <message>
            <source>Retake lowered the parallel requests to %1 of %2 and raises them again as requests succeed.</source>
            <translation>Retake hat die parallelen Anfragen auf %1 von %2 gesenkt und erhöht sie wieder, sobald Anfragen gelingen.</translation>
        </message>
        <message>
            <source>The prompt of %1 was rejected by the provider's content policy. Edit the prompt, or run the shot on another provider.</source>
            <translation>Der Prompt von %1 wurde von der Inhaltsrichtlinie des Anbieters abgelehnt. Bearbeiten Sie den Prompt oder führen Sie den Shot bei einem anderen Anbieter aus.</translation>
        </message>
        <message numerus="yes">
            <source>The prompts of %n shot(s) were rejected by the provider's content policy (%1). Edit the prompts, or run the shots on another provider.</source>
            <translation>
                <numerusform>Der Prompt von %n Shot wurde von der Inhaltsrichtlinie des Anbieters abgelehnt (%1). Bearbeiten Sie den Prompt oder führen Sie den Shot bei einem anderen Anbieter aus.</numerusform>
                <numerusform>Die Prompts von %n Shots wurden von der Inhaltsrichtlinie des Anbieters abgelehnt (%1). Bearbeiten Sie die Prompts oder führen Sie die Shots bei einem anderen Anbieter aus.</numerusform>
            </translation>
        </message>
        <message>
            <source>Edit prompt of %1…</source>
            <translation>Prompt von %1 bearbeiten…</translation>
        </message>
        <message>
            <source>Disk full: Retake stopped writing to %1 and resumes by itself when space returns. Free some space, then press Retry now.</source>
            <translation>Datenträger voll: Retake schreibt nicht mehr nach %1 und setzt von selbst fort, sobald wieder Platz frei ist. Geben Sie Speicherplatz frei und klicken Sie dann auf „Jetzt erneut versuchen“.</translation>
        </message>
        <message>
            <source>Still only %1 MB free in %2; Retake needs %3 MB. Free some space, then press Retry now.</source>
            <translation>Immer noch nur %1 MB frei in %2; Retake braucht %3 MB. Geben Sie Speicherplatz frei und klicken Sie dann auf „Jetzt erneut versuchen“.</translation>
        </message>
        <message>
            <source>View report</source>
            <translation>Bericht ansehen</translation>
        </message>
        <message>
            <source>Write the run's job report and show it</source>
            <translation>Den Auftragsbericht des Laufs schreiben und anzeigen</translation>
        </message>
        <message>
            <source>Raise budget…</source>
            <translation>Budget erhöhen…</translation>
        </message>
        <message>
            <source>Set a higher budget cap for this run and continue it</source>
            <translation>Eine höhere Budgetgrenze für diesen Lauf festlegen und ihn fortsetzen</translation>
        </message>
        <message>
            <source>Show the partial report of the run that stopped unexpectedly</source>
            <translation>Den Teilbericht des unerwartet beendeten Laufs anzeigen</translation>
        </message>
        <message>
            <source>Run %1 stopped before it finished: Retake quit unexpectedly or was stopped. A partial report was written; finished work is kept and the interrupted tasks run again when you press Run.</source>
            <translation>Lauf %1 endete, bevor er fertig war: Retake wurde unerwartet beendet oder gestoppt. Ein Teilbericht wurde geschrieben; fertige Arbeit bleibt erhalten, und die unterbrochenen Aufgaben laufen erneut, wenn Sie Starten drücken.</translation>
        </message>
        <message numerus="yes">
            <source>Budget cap reached: %1 of %2 cost units spent; %n task(s) not started.</source>
            <translation>
                <numerusform>Budgetgrenze erreicht: %1 von %2 Kosteneinheiten ausgegeben; %n Aufgabe nicht gestartet.</numerusform>
                <numerusform>Budgetgrenze erreicht: %1 von %2 Kosteneinheiten ausgegeben; %n Aufgaben nicht gestartet.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n attempt(s) already running will finish and be kept.</source>
            <translation>
                <numerusform>%n bereits laufender Versuch wird zu Ende geführt und behalten.</numerusform>
                <numerusform>%n bereits laufende Versuche werden zu Ende geführt und behalten.</numerusform>
            </translation>
        </message>
        <message>
            <source>Raise the budget to continue this run.</source>
            <translation>Erhöhen Sie das Budget, um diesen Lauf fortzusetzen.</translation>
        </message>
        <message>
            <source>Scene and film tasks among them: %1.</source>
            <translation>Darunter Szenen- und Filmaufgaben: %1.</translation>
        </message>
        <message>
            <source>%1 MB free again: the batch resumes.</source>
            <translation>Wieder %1 MB frei: der Batch läuft weiter.</translation>
        </message>
        <message>
            <source>There is space again: the batch resumes.</source>
            <translation>Es ist wieder Platz frei: der Batch läuft weiter.</translation>
        </message>
        <message>
            <source>%1 MB free in %2, but Retake could not save the batch state yet. Free more space, then press Retry now.</source>
            <translation>%1 MB frei in %2, aber Retake konnte den Zustand des Batches noch nicht speichern. Geben Sie mehr Speicherplatz frei und klicken Sie dann auf „Jetzt erneut versuchen“.</translation>
        </message>
        <message>
            <source>Take over and resume</source>
            <translation>Übernehmen und fortsetzen</translation>
        </message>
        <message>
            <source>Own the workspace in this window and resume the stopped run here; a partial report of the stopped run is written</source>
            <translation>Den Arbeitsordner in diesem Fenster übernehmen und den gestoppten Lauf hier fortsetzen; ein Teilbericht des gestoppten Laufs wird geschrieben</translation>
        </message>
        <message>
            <source>%1 (pid %2)</source>
            <translation>%1 (pid %2)</translation>
        </message>
        <message>
            <source>Running in %1 — you are watching.</source>
            <translation>Läuft in %1 — Sie schauen zu.</translation>
        </message>
        <message>
            <source>Running in %1 since %2 — you are watching.</source>
            <translation>Läuft in %1 seit %2 — Sie schauen zu.</translation>
        </message>
        <message>
            <source>Pause, Resume, Cancel and Retry act on its run; Run and the rest are available when it ends.</source>
            <translation>Pause, Fortsetzen, Abbrechen und Wiederholen wirken auf seinen Lauf; Starten und alles Weitere sind verfügbar, wenn er endet.</translation>
        </message>
        <message>
            <source>Open in %1 — you are watching.</source>
            <translation>Geöffnet in %1 — Sie schauen zu.</translation>
        </message>
        <message>
            <source>Open in %1 since %2 — you are watching.</source>
            <translation>Geöffnet in %1 seit %2 — Sie schauen zu.</translation>
        </message>
        <message>
            <source>Retry acts through it; Run and the rest are available when it closes the storyboard.</source>
            <translation>Wiederholen wirkt über dieses Programm; Starten und alles Weitere sind verfügbar, wenn es das Storyboard schließt.</translation>
        </message>
        <message>
            <source>%1 done</source>
            <translation>%1 fertig</translation>
        </message>
        <message>
            <source>%1 failed</source>
            <translation>%1 fehlgeschlagen</translation>
        </message>
        <message>
            <source>%1 cancelled</source>
            <translation>%1 abgebrochen</translation>
        </message>
        <message>
            <source>%1 was cancelled: %2 (exit %3).</source>
            <translation>%1 wurde abgebrochen: %2 (Exit-Code %3).</translation>
        </message>
        <message>
            <source>%1 finished: %2 (exit %3).</source>
            <translation>%1 ist fertig: %2 (Exit-Code %3).</translation>
        </message>
        <message>
            <source>This window owns the workspace now.</source>
            <translation>Dieses Fenster hat den Arbeitsordner jetzt übernommen.</translation>
        </message>
        <message>
            <source>%1 (pid %2) stopped without finishing its run: it was killed or crashed. Take over to resume the run in this window; finished work is kept and the stopped run gets a partial report.</source>
            <translation>%1 (pid %2) wurde beendet, ohne seinen Lauf abzuschließen: es wurde abgebrochen oder ist abgestürzt. Übernehmen Sie, um den Lauf in diesem Fenster fortzusetzen; fertige Arbeit bleibt erhalten, und der gestoppte Lauf erhält einen Teilbericht.</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::CheckpointsDialog</name>
        <message>
            <source>Checkpoints</source>
            <translation>Sicherungspunkte</translation>
        </message>
        <message>
            <source>Retake makes a checkpoint when a stage finishes for every shot and before every bulk action. Restoring one rolls every task back to that moment; no file is deleted, and the restore can be undone.</source>
            <translation>Retake legt einen Sicherungspunkt an, wenn eine Stufe für alle Shots fertig ist, und vor jeder Sammelaktion. Beim Wiederherstellen werden alle Aufgaben auf diesen Zeitpunkt zurückgesetzt; keine Datei wird gelöscht, und die Wiederherstellung lässt sich rückgängig machen.</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Anlass</translation>
        </message>
        <message>
            <source>Tasks then</source>
            <translation>Aufgaben damals</translation>
        </message>
        <message>
            <source>Restore…</source>
            <translation>Wiederherstellen…</translation>
        </message>
        <message>
            <source>Roll every task back to the selected checkpoint</source>
            <translation>Alle Aufgaben auf den ausgewählten Sicherungspunkt zurücksetzen</translation>
        </message>
        <message>
            <source>Restore checkpoint</source>
            <translation>Sicherungspunkt wiederherstellen</translation>
        </message>
        <message>
            <source>Roll every task back to the checkpoint of %1 (%2)?</source>
            <translation>Alle Aufgaben auf den Sicherungspunkt von %1 (%2) zurücksetzen?</translation>
        </message>
        <message>
            <source>Outputs made since then stay on disk, and the current state is saved first so that you can undo the restore.</source>
            <translation>Seitdem erzeugte Ausgaben bleiben auf dem Datenträger, und der aktuelle Stand wird vorher gesichert, sodass Sie die Wiederherstellung rückgängig machen können.</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>Wiederherstellen</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::EditPromptDialog</name>
        <message>
            <source>Edit the prompt of %1</source>
            <translation>Prompt von %1 bearbeiten</translation>
        </message>
        <message>
            <source>Prompt:</source>
            <translation>Prompt:</translation>
        </message>
        <message>
            <source>Negative prompt:</source>
            <translation>Negativer Prompt:</translation>
        </message>
        <message>
            <source>Saving writes the new prompt into %1 and reloads it: the shot's tasks run again with it; other finished work is kept.</source>
            <translation>Beim Speichern wird der neue Prompt in %1 geschrieben und die Datei neu geladen: Die Aufgaben des Shots laufen damit erneut; andere fertige Arbeit bleibt erhalten.</translation>
        </message>
        <message>
            <source>%1 is a CSV shot list: change the prompt in your spreadsheet, save it, and open it again.</source>
            <translation>%1 ist eine CSV-Shotliste: Ändern Sie den Prompt in Ihrer Tabellenkalkulation, speichern Sie sie und öffnen Sie sie erneut.</translation>
        </message>
        <message>
            <source>Save and reload</source>
            <translation>Speichern und neu laden</translation>
        </message>
        <message>
            <source>Open the shot list</source>
            <translation>Shotliste öffnen</translation>
        </message>
        <message>
            <source>The prompt cannot be empty.</source>
            <translation>Der Prompt darf nicht leer sein.</translation>
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation>Nicht gespeichert: %1</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::EngineController</name>
        <message>
            <source>Other windows and retake-cli watch cannot follow this window: %1.</source>
            <translation>Andere Fenster und retake-cli watch können diesem Fenster nicht folgen: %1.</translation>
        </message>
        <message>
            <source>The owner of the workspace sent something this window cannot read: %1</source>
            <translation>Der Besitzer des Arbeitsordners hat etwas gesendet, das dieses Fenster nicht lesen kann: %1</translation>
        </message>
        <message>
            <source>%1 owns this workspace but does not answer on %2 (%3). Wait until it ends, or stop it, then open the storyboard again.</source>
            <translation>%1 besitzt diesen Arbeitsordner, antwortet aber nicht auf %2 (%3). Warten Sie, bis es endet, oder beenden Sie es, und öffnen Sie dann das Storyboard erneut.</translation>
        </message>
        <message>
            <source>%1 owns this workspace from another computer; this window cannot follow it. Watch it there, or run retake-cli run FILE --take-over here once it has stopped.</source>
            <translation>%1 besitzt diesen Arbeitsordner von einem anderen Computer aus; dieses Fenster kann ihm nicht folgen. Verfolgen Sie es dort, oder führen Sie hier retake-cli run FILE --take-over aus, sobald es gestoppt ist.</translation>
        </message>
        <message>
            <source>%1 is gone: take over the workspace first.</source>
            <translation>%1 ist nicht mehr da: übernehmen Sie zuerst den Arbeitsordner.</translation>
        </message>
        <message>
            <source>%1 refused %2: %3</source>
            <translation>%1 hat %2 abgelehnt: %3</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ErrorLogDialog</name>
        <message>
            <source>Error log — %1</source>
            <translation>Fehlerprotokoll — %1</translation>
        </message>
        <message>
            <source>Reading %1…</source>
            <translation>%1 wird gelesen…</translation>
        </message>
        <message>
            <source>Previous</source>
            <translation>Vorheriger</translation>
        </message>
        <message>
            <source>The previous failure of this shot</source>
            <translation>Der vorherige Fehlschlag dieses Shots</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>Nächster</translation>
        </message>
        <message>
            <source>The next failure of this shot</source>
            <translation>Der nächste Fehlschlag dieses Shots</translation>
        </message>
        <message>
            <source>Open in editor</source>
            <translation>Im Editor öffnen</translation>
        </message>
        <message>
            <source>The error log %1 is empty or missing: nothing has failed in this workspace yet.</source>
            <translation>Das Fehlerprotokoll %1 ist leer oder fehlt: In diesem Arbeitsordner ist noch nichts fehlgeschlagen.</translation>
        </message>
        <message>
            <source>No failure of %1 is in the error log.</source>
            <translation>Im Fehlerprotokoll steht kein Fehlschlag von %1.</translation>
        </message>
        <message>
            <source>Failure %1 of %2 for this shot (highlighted).</source>
            <translation>Fehlschlag %1 von %2 dieses Shots (hervorgehoben).</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::MainWindow</name>
        <message>
            <source>Retake</source>
            <translation>Retake</translation>
        </message>
        <message>
            <source>Open a storyboard (Ctrl+O) or drop a .retake.json or .csv file here.</source>
            <translation>Öffnen Sie ein Storyboard (Strg+O) oder ziehen Sie eine .retake.json- oder .csv-Datei hierher.</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <comment>tooltip (shortcut)</comment>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation>Ö&amp;ffnen…</translation>
        </message>
        <message>
            <source>Open a storyboard (.retake.json) or a CSV shot list</source>
            <translation>Ein Storyboard (.retake.json) oder eine CSV-Shotliste öffnen</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Beenden</translation>
        </message>
        <message>
            <source>Quit Retake</source>
            <translation>Retake beenden</translation>
        </message>
        <message>
            <source>&amp;Run</source>
            <translation>&amp;Starten</translation>
        </message>
        <message>
            <source>Run the batch, or resume it when paused</source>
            <translation>Den Batch starten oder nach einer Pause fortsetzen</translation>
        </message>
        <message>
            <source>&amp;Pause</source>
            <translation>&amp;Pause</translation>
        </message>
        <message>
            <source>Pause the batch: running attempts finish, nothing new starts</source>
            <translation>Den Batch pausieren: Laufende Versuche werden beendet, nichts Neues beginnt</translation>
        </message>
        <message>
            <source>You paused the batch.</source>
            <translation>Sie haben den Batch pausiert.</translation>
        </message>
        <message>
            <source>&amp;Cancel</source>
            <translation>Ab&amp;brechen</translation>
        </message>
        <message>
            <source>Cancel the batch: stop running attempts; finished work is kept</source>
            <translation>Den Batch abbrechen: Laufende Versuche werden gestoppt; fertige Arbeit bleibt erhalten</translation>
        </message>
        <message>
            <source>You cancelled the batch.</source>
            <translation>Sie haben den Batch abgebrochen.</translation>
        </message>
        <message>
            <source>Retry all &amp;failed</source>
            <translation>Alle &amp;fehlgeschlagenen wiederholen</translation>
        </message>
        <message>
            <source>Re-queue every failed task and the tasks blocked by them</source>
            <translation>Alle fehlgeschlagenen Aufgaben und die von ihnen blockierten erneut einreihen</translation>
        </message>
        <message numerus="yes">
            <source>You retried all failed tasks (%n failed, %1 blocked).</source>
            <translation>
                <numerusform>Sie haben alle fehlgeschlagenen Aufgaben wiederholt (%n fehlgeschlagen, %1 blockiert).</numerusform>
                <numerusform>Sie haben alle fehlgeschlagenen Aufgaben wiederholt (%n fehlgeschlagen, %1 blockiert).</numerusform>
            </translation>
        </message>
        <message>
            <source>&amp;Retry</source>
            <translation>&amp;Wiederholen</translation>
        </message>
        <message>
            <source>Retry the selected failed, blocked or cancelled tasks</source>
            <translation>Die ausgewählten fehlgeschlagenen, blockierten oder abgebrochenen Aufgaben wiederholen</translation>
        </message>
        <message>
            <source>Retry at full &amp;quality</source>
            <translation>In voller &amp;Qualität wiederholen</translation>
        </message>
        <message>
            <source>Re-run the selected degraded tasks at full quality; the degraded output is kept if it fails</source>
            <translation>Die ausgewählten reduzierten Aufgaben in voller Qualität neu ausführen; schlägt das fehl, bleibt die reduzierte Ausgabe erhalten</translation>
        </message>
        <message>
            <source>&amp;Switch provider…</source>
            <translation>Anbieter &amp;wechseln…</translation>
        </message>
        <message>
            <source>Re-run the selected tasks on another provider</source>
            <translation>Die ausgewählten Aufgaben bei einem anderen Anbieter neu ausführen</translation>
        </message>
        <message>
            <source>Open output &amp;folder</source>
            <translation>Ausgabe&amp;ordner öffnen</translation>
        </message>
        <message>
            <source>Open the folder with the selected shot's outputs</source>
            <translation>Den Ordner mit den Ausgaben des ausgewählten Shots öffnen</translation>
        </message>
        <message>
            <source>Show in &amp;error log</source>
            <translation>Im F&amp;ehlerprotokoll zeigen</translation>
        </message>
        <message>
            <source>Show the selected shot's failures in the workspace's error log</source>
            <translation>Die Fehlschläge des ausgewählten Shots im Fehlerprotokoll des Arbeitsordners zeigen</translation>
        </message>
        <message>
            <source>Edit &amp;prompt…</source>
            <translation>&amp;Prompt bearbeiten…</translation>
        </message>
        <message>
            <source>Change the selected shot's prompt in the storyboard and run it again</source>
            <translation>Den Prompt des ausgewählten Shots im Storyboard ändern und ihn erneut ausführen</translation>
        </message>
        <message>
            <source>Pre&amp;ferences…</source>
            <translation>&amp;Einstellungen…</translation>
        </message>
        <message>
            <source>Retries, backoff, disk reserve, debug logging and language</source>
            <translation>Wiederholungen, Wartezeiten, Speicherreserve, Debug-Protokoll und Sprache</translation>
        </message>
        <message>
            <source>&amp;Find shots</source>
            <translation>Shots &amp;suchen</translation>
        </message>
        <message>
            <source>Show only the shots whose id or title contains a text</source>
            <translation>Nur die Shots zeigen, deren Kennung oder Titel einen Text enthält</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Datei</translation>
        </message>
        <message>
            <source>Open &amp;Recent</source>
            <translation>&amp;Zuletzt geöffnet</translation>
        </message>
        <message>
            <source>&amp;Batch</source>
            <translation>&amp;Batch</translation>
        </message>
        <message>
            <source>&amp;Shot</source>
            <translation>&amp;Shot</translation>
        </message>
        <message>
            <source>Batch</source>
            <translation>Batch</translation>
        </message>
        <message>
            <source>Find shots (Ctrl+F)</source>
            <translation>Shots suchen (Strg+F)</translation>
        </message>
        <message>
            <source>Find shots by id or title</source>
            <translation>Shots nach Kennung oder Titel suchen</translation>
        </message>
        <message>
            <source>Activity log</source>
            <translation>Aktivitätsprotokoll</translation>
        </message>
        <message>
            <source>Show or hide the activity log (Ctrl+L)</source>
            <translation>Aktivitätsprotokoll ein- oder ausblenden (Strg+L)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Ansicht</translation>
        </message>
        <message>
            <source>Could not open the workspace of %1: %2</source>
            <translation>Der Arbeitsordner von %1 konnte nicht geöffnet werden: %2</translation>
        </message>
        <message>
            <source>Storyboard not opened</source>
            <translation>Storyboard nicht geöffnet</translation>
        </message>
        <message>
            <source>Disk full: the batch is paused.</source>
            <translation>Datenträger voll: Der Batch ist pausiert.</translation>
        </message>
        <message>
            <source>Still reading %1…</source>
            <translation>%1 wird noch gelesen…</translation>
        </message>
        <message>
            <source>Reading %1…</source>
            <translation>%1 wird gelesen…</translation>
        </message>
        <message numerus="yes">
            <source>%1 has %n problem(s); it was not opened.</source>
            <translation>
                <numerusform>%1 hat %n Problem; es wurde nicht geöffnet.</numerusform>
                <numerusform>%1 hat %n Probleme; es wurde nicht geöffnet.</numerusform>
            </translation>
        </message>
        <message>
            <source>Opening %1…</source>
            <translation>%1 wird geöffnet…</translation>
        </message>
        <message>
            <source>Opening %1.</source>
            <translation>%1 wird geöffnet.</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n shot(s)</source>
            <translation>
                <numerusform>%1: %n Shot</numerusform>
                <numerusform>%1: %n Shots</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n scene(s).</source>
            <translation>
                <numerusform>%n Szene.</numerusform>
                <numerusform>%n Szenen.</numerusform>
            </translation>
        </message>
        <message>
            <source>Press Run (F5) to start.</source>
            <translation>Drücken Sie Starten (F5), um zu beginnen.</translation>
        </message>
        <message>
            <source>Workspace: %1</source>
            <translation>Arbeitsordner: %1</translation>
        </message>
        <message>
            <source>[debug] %1 attempt %2 on %3: %4; parameters: %5</source>
            <translation>[Debug] %1 Versuch %2 bei %3: %4; Parameter: %5</translation>
        </message>
        <message>
            <source>ok</source>
            <translation>ok</translation>
        </message>
        <message numerus="yes">
            <source>All %n task(s) are done.</source>
            <translation>
                <numerusform>Die %n Aufgabe ist fertig.</numerusform>
                <numerusform>Alle %n Aufgaben sind fertig.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n at reduced quality.</source>
            <translation>
                <numerusform>%n davon in reduzierter Qualität.</numerusform>
                <numerusform>%n davon in reduzierter Qualität.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n at full quality on another provider.</source>
            <translation>
                <numerusform>%n davon in voller Qualität bei einem anderen Anbieter.</numerusform>
                <numerusform>%n davon in voller Qualität bei einem anderen Anbieter.</numerusform>
            </translation>
        </message>
        <message>
            <source>The batch was cancelled: %1 of %2 tasks done.</source>
            <translation>Der Batch wurde abgebrochen: %1 von %2 Aufgaben fertig.</translation>
        </message>
        <message numerus="yes">
            <source>The batch stopped with %n task(s) that need you.</source>
            <translation>
                <numerusform>Der Batch endete mit %n Aufgabe, die Sie braucht.</numerusform>
                <numerusform>Der Batch endete mit %n Aufgaben, die Sie brauchen.</numerusform>
            </translation>
        </message>
        <message>
            <source>You retried %1.</source>
            <translation>Sie haben %1 wiederholt.</translation>
        </message>
        <message>
            <source>You retried %1 at full quality.</source>
            <translation>Sie haben %1 in voller Qualität wiederholt.</translation>
        </message>
        <message>
            <source>You switched every failed task to provider %1.</source>
            <translation>Sie haben alle fehlgeschlagenen Aufgaben zu Anbieter %1 verschoben.</translation>
        </message>
        <message>
            <source>You switched %1 to provider %2.</source>
            <translation>Sie haben %1 zu Anbieter %2 verschoben.</translation>
        </message>
        <message>
            <source>The provider rejected this prompt (%1).</source>
            <translation>Der Anbieter hat diesen Prompt abgelehnt (%1).</translation>
        </message>
        <message>
            <source>You changed the prompt of %1; reloading the storyboard.</source>
            <translation>Sie haben den Prompt von %1 geändert; das Storyboard wird neu geladen.</translation>
        </message>
        <message>
            <source>The new language takes effect when Retake starts again.</source>
            <translation>Die neue Sprache gilt ab dem nächsten Start von Retake.</translation>
        </message>
        <message numerus="yes">
            <source>Preferences applied: %n automatic retries, backoff from %1 s, keep %2 MB free.</source>
            <translation>
                <numerusform>Einstellungen übernommen: %n automatische Wiederholung, Wartezeit ab %1 s, %2 MB freihalten.</numerusform>
                <numerusform>Einstellungen übernommen: %n automatische Wiederholungen, Wartezeit ab %1 s, %2 MB freihalten.</numerusform>
            </translation>
        </message>
        <message>
            <source>You resumed the batch.</source>
            <translation>Sie haben den Batch fortgesetzt.</translation>
        </message>
        <message>
            <source>You started the batch.</source>
            <translation>Sie haben den Batch gestartet.</translation>
        </message>
        <message>
            <source>Running %1…</source>
            <translation>%1 läuft…</translation>
        </message>
        <message>
            <source>&amp;Resume</source>
            <translation>&amp;Fortsetzen</translation>
        </message>
        <message>
            <source>Retried 3 times by hand with the same error: switch provider or edit the prompt instead</source>
            <translation>3-mal manuell mit demselben Fehler wiederholt: stattdessen den Anbieter wechseln oder den Prompt bearbeiten</translation>
        </message>
        <message>
            <source>Retry the selected failed, blocked or cancelled tasks (%1)</source>
            <translation>Die ausgewählten fehlgeschlagenen, blockierten oder abgebrochenen Aufgaben wiederholen (%1)</translation>
        </message>
        <message>
            <source>%1 — %2% — Retake</source>
            <comment>window title: project — percent — app</comment>
            <translation>%1 — %2 % — Retake</translation>
        </message>
        <message>
            <source>%1 no longer exists; removed from the recent files.</source>
            <translation>%1 existiert nicht mehr; aus der Liste der zuletzt geöffneten Dateien entfernt.</translation>
        </message>
        <message>
            <source>No recent storyboards</source>
            <translation>Keine zuletzt geöffneten Storyboards</translation>
        </message>
        <message>
            <source>Clear the list</source>
            <translation>Liste leeren</translation>
        </message>
        <message>
            <source>Open a storyboard</source>
            <translation>Storyboard öffnen</translation>
        </message>
        <message>
            <source>Storyboards (*.retake.json *.json *.csv);;All files (*)</source>
            <translation>Storyboards (*.retake.json *.json *.csv);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>A batch is running</source>
            <translation>Ein Batch läuft</translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) are still running or waiting. What should happen to them?</source>
            <translation>
                <numerusform>%n Aufgabe läuft oder wartet noch. Was soll mit ihr geschehen?</numerusform>
                <numerusform>%n Aufgaben laufen oder warten noch. Was soll mit ihnen geschehen?</numerusform>
            </translation>
        </message>
        <message>
            <source>Finished work is kept in every case.</source>
            <translation>Fertige Arbeit bleibt in jedem Fall erhalten.</translation>
        </message>
        <message>
            <source>Pause and quit</source>
            <translation>Pausieren und beenden</translation>
        </message>
        <message>
            <source>Running attempts are stopped and resume the next time you open this storyboard</source>
            <translation>Laufende Versuche werden gestoppt und beim nächsten Öffnen dieses Storyboards fortgesetzt</translation>
        </message>
        <message>
            <source>Cancel the batch and quit</source>
            <translation>Batch abbrechen und beenden</translation>
        </message>
        <message>
            <source>Keep running</source>
            <translation>Weiterlaufen lassen</translation>
        </message>
        <message>
            <source>Pausing and quitting; the batch resumes next time.</source>
            <translation>Pausieren und beenden; der Batch wird beim nächsten Mal fortgesetzt.</translation>
        </message>
        <message>
            <source>Cancelling the batch and quitting.</source>
            <translation>Der Batch wird abgebrochen und Retake beendet.</translation>
        </message>
        <message>
            <source>Restore checkpoint…</source>
            <translation>Sicherungspunkt wiederherstellen…</translation>
        </message>
        <message>
            <source>Go back to the state before this action</source>
            <translation>Zum Stand vor dieser Aktion zurückkehren</translation>
        </message>
        <message>
            <source>Undo restore</source>
            <translation>Wiederherstellung rückgängig</translation>
        </message>
        <message>
            <source>Go back to the state before the restore</source>
            <translation>Zum Stand vor der Wiederherstellung zurückkehren</translation>
        </message>
        <message>
            <source>Chec&amp;kpoint</source>
            <translation>Sicherungs&amp;punkt</translation>
        </message>
        <message>
            <source>Save the batch's state now, to come back to it later</source>
            <translation>Den Stand des Batches jetzt sichern, um später dorthin zurückzukehren</translation>
        </message>
        <message>
            <source>C&amp;heckpoints…</source>
            <translation>Sicherungspunkte…</translation>
        </message>
        <message>
            <source>List the checkpoints and restore one</source>
            <translation>Die Sicherungspunkte anzeigen und einen wiederherstellen</translation>
        </message>
        <message>
            <source>P&amp;ublish</source>
            <translation>&amp;Veröffentlichen</translation>
        </message>
        <message>
            <source>Copy the current outputs of done tasks into published/, in one atomic step</source>
            <translation>Die aktuellen Ausgaben fertiger Aufgaben in einem atomaren Schritt nach published/ kopieren</translation>
        </message>
        <message>
            <source>Re&amp;port</source>
            <translation>&amp;Bericht</translation>
        </message>
        <message>
            <source>Write the job report of the latest run and show it</source>
            <translation>Den Auftragsbericht des letzten Laufs schreiben und anzeigen</translation>
        </message>
        <message>
            <source>No checkpoint was made: %1</source>
            <translation>Es wurde kein Sicherungspunkt angelegt: %1</translation>
        </message>
        <message>
            <source>Checkpoint %1 saved.</source>
            <translation>Sicherungspunkt %1 angelegt.</translation>
        </message>
        <message>
            <source>You restored checkpoint %1.</source>
            <translation>Sie haben den Sicherungspunkt %1 wiederhergestellt.</translation>
        </message>
        <message>
            <source>Restored %1.</source>
            <translation>%1 wiederhergestellt.</translation>
        </message>
        <message>
            <source>Not restored: %1</source>
            <translation>Nicht wiederhergestellt: %1</translation>
        </message>
        <message>
            <source>Checkpoint %1 saved (%2).</source>
            <translation>Sicherungspunkt %1 angelegt (%2).</translation>
        </message>
        <message>
            <source>Retake saved a checkpoint (%1). If the result is not what you wanted, restore it.</source>
            <translation>Retake hat einen Sicherungspunkt angelegt (%1). Wenn das Ergebnis nicht Ihren Wünschen entspricht, stellen Sie ihn wieder her.</translation>
        </message>
        <message>
            <source>Checkpoint %1 restored. The state before it was saved as %2.</source>
            <translation>Sicherungspunkt %1 wiederhergestellt. Der Stand davor wurde als %2 gesichert.</translation>
        </message>
        <message>
            <source>Checkpoint %1 restored.</source>
            <translation>Sicherungspunkt %1 wiederhergestellt.</translation>
        </message>
        <message>
            <source>Publishing…</source>
            <translation>Wird veröffentlicht…</translation>
        </message>
        <message numerus="yes">
            <source>Published %n file(s) (%1 MB) to published/.</source>
            <translation>
                <numerusform>%n Datei (%1 MB) nach published/ veröffentlicht.</numerusform>
                <numerusform>%n Dateien (%1 MB) nach published/ veröffentlicht.</numerusform>
            </translation>
        </message>
        <message>
            <source>Not published: %1</source>
            <translation>Nicht veröffentlicht: %1</translation>
        </message>
        <message>
            <source>Publish</source>
            <translation>Veröffentlichen</translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) are not done and will be missing from published/.</source>
            <translation>
                <numerusform>%n Aufgabe ist nicht fertig und wird in published/ fehlen.</numerusform>
                <numerusform>%n Aufgaben sind nicht fertig und werden in published/ fehlen.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Publish the %n done output(s) now? The previous published/ is replaced in one step.</source>
            <translation>
                <numerusform>Die %n fertige Ausgabe jetzt veröffentlichen? Das bisherige published/ wird in einem Schritt ersetzt.</numerusform>
                <numerusform>Die %n fertigen Ausgaben jetzt veröffentlichen? Das bisherige published/ wird in einem Schritt ersetzt.</numerusform>
            </translation>
        </message>
        <message>
            <source>Writing the report…</source>
            <translation>Bericht wird geschrieben…</translation>
        </message>
        <message>
            <source>No report: %1</source>
            <translation>Kein Bericht: %1</translation>
        </message>
        <message>
            <source>Report written to %1.</source>
            <translation>Bericht nach %1 geschrieben.</translation>
        </message>
        <message>
            <source>Provider p&amp;rofiles…</source>
            <translation>Anbieter&amp;profile…</translation>
        </message>
        <message>
            <source>List, add and edit provider profiles, test their connection and store their API keys</source>
            <translation>Anbieterprofile anzeigen, hinzufügen und bearbeiten, ihre Verbindung testen und ihre API-Schlüssel speichern</translation>
        </message>
        <message>
            <source>Se&amp;ttings</source>
            <translation>&amp;Konfiguration</translation>
        </message>
        <message>
            <source>Providers</source>
            <translation>Anbieter</translation>
        </message>
        <message>
            <source>Show or hide the providers' live state</source>
            <translation>Den aktuellen Zustand der Anbieter ein- oder ausblenden</translation>
        </message>
        <message>
            <source>Provider profile left out: %1</source>
            <translation>Anbieterprofil ausgelassen: %1</translation>
        </message>
        <message>
            <source>You saved the provider profile %1; it is used from the next storyboard you open.</source>
            <translation>Sie haben das Anbieterprofil %1 gespeichert; es wird ab dem nächsten Storyboard verwendet, das Sie öffnen.</translation>
        </message>
        <message>
            <source>You removed the provider profile %1.</source>
            <translation>Sie haben das Anbieterprofil %1 entfernt.</translation>
        </message>
        <message>
            <source>Budget cap reached: no new tasks start.</source>
            <translation>Budgetgrenze erreicht: es starten keine neuen Aufgaben.</translation>
        </message>
        <message numerus="yes">
            <source>The batch stopped at its budget cap: %1 of %2 cost units spent, %n task(s) not started.</source>
            <translation>
                <numerusform>Der Batch hat an seiner Budgetgrenze angehalten: %1 von %2 Kosteneinheiten ausgegeben, %n Aufgabe nicht gestartet.</numerusform>
                <numerusform>Der Batch hat an seiner Budgetgrenze angehalten: %1 von %2 Kosteneinheiten ausgegeben, %n Aufgaben nicht gestartet.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>At most %n request(s) in flight per provider.</source>
            <translation>
                <numerusform>Höchstens %n laufende Anfrage pro Anbieter.</numerusform>
                <numerusform>Höchstens %n laufende Anfragen pro Anbieter.</numerusform>
            </translation>
        </message>
        <message>
            <source>Estimating the run…</source>
            <translation>Der Lauf wird geschätzt…</translation>
        </message>
        <message>
            <source>Run cancelled: nothing started.</source>
            <translation>Starten abgebrochen: nichts wurde gestartet.</translation>
        </message>
        <message>
            <source>Run no longer asks first; turn it back on in Preferences.</source>
            <translation>Starten fragt nicht mehr nach; in den Einstellungen lässt sich das wieder einschalten.</translation>
        </message>
        <message>
            <source>You started the batch with a budget cap of %1 cost units.</source>
            <translation>Sie haben den Batch mit einer Budgetgrenze von %1 Kosteneinheiten gestartet.</translation>
        </message>
        <message>
            <source>Raise the budget</source>
            <translation>Budget erhöhen</translation>
        </message>
        <message numerus="yes">
            <source>This run has spent %1 of its %2 cost units. The %n task(s) not started are expected to cost about %3 more.</source>
            <translation>
                <numerusform>Dieser Lauf hat %1 seiner %2 Kosteneinheiten ausgegeben. Die %n nicht gestartete Aufgabe kostet voraussichtlich etwa %3 mehr.</numerusform>
                <numerusform>Dieser Lauf hat %1 seiner %2 Kosteneinheiten ausgegeben. Die %n nicht gestarteten Aufgaben kosten voraussichtlich etwa %3 mehr.</numerusform>
            </translation>
        </message>
        <message>
            <source>New budget cap for this run (cost units):</source>
            <translation>Neue Budgetgrenze für diesen Lauf (Kosteneinheiten):</translation>
        </message>
        <message>
            <source>Raise and continue</source>
            <translation>Erhöhen und fortsetzen</translation>
        </message>
        <message>
            <source>You raised the budget cap to %1 cost units; the run continues.</source>
            <translation>Sie haben die Budgetgrenze auf %1 Kosteneinheiten erhöht; der Lauf geht weiter.</translation>
        </message>
        <message>
            <source>Job report of run %1 written: %2</source>
            <translation>Auftragsbericht von Lauf %1 geschrieben: %2</translation>
        </message>
        <message>
            <source>No job report: %1</source>
            <translation>Kein Auftragsbericht: %1</translation>
        </message>
        <message>
            <source>Could not write the partial report of the run that stopped: %1</source>
            <translation>Der Teilbericht des abgebrochenen Laufs konnte nicht geschrieben werden: %1</translation>
        </message>
        <message>
            <source>Run %1 stopped before it finished (crash or kill); partial report: %2</source>
            <translation>Lauf %1 endete, bevor er fertig war (Absturz oder Abbruch von außen); Teilbericht: %2</translation>
        </message>
        <message>
            <source>&amp;Raise budget…</source>
            <translation>Budget &amp;erhöhen…</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Wird abgebrochen…</translation>
        </message>
        <message>
            <source>Timeline</source>
            <translation>Zeitleiste</translation>
        </message>
        <message>
            <source>Show or hide the timeline of the run's attempts per provider (Ctrl+T)</source>
            <translation>Die Zeitleiste der Versuche des Laufs je Anbieter ein- oder ausblenden (Strg+T)</translation>
        </message>
        <message>
            <source>%1 ended its run (exit %2%3); this window takes the workspace over.</source>
            <translation>%1 hat seinen Lauf beendet (Exit-Code %2%3); dieses Fenster übernimmt den Arbeitsordner.</translation>
        </message>
        <message>
            <source>%1 stopped without finishing its run. Take over to resume it here.</source>
            <translation>%1 wurde beendet, ohne seinen Lauf abzuschließen. Übernehmen Sie, um ihn hier fortzusetzen.</translation>
        </message>
        <message>
            <source>You took over %1 from %2; the run resumes here.</source>
            <translation>Sie haben %1 von %2 übernommen; der Lauf wird hier fortgesetzt.</translation>
        </message>
        <message>
            <source>%1 runs this storyboard; edit its prompts when it ends.</source>
            <translation>%1 führt dieses Storyboard aus; bearbeiten Sie die Prompts, wenn es fertig ist.</translation>
        </message>
        <message>
            <source>Watching %1.</source>
            <translation>Sie schauen %1 zu.</translation>
        </message>
        <message>
            <source>%1 owns this workspace: you are watching its run.</source>
            <translation>%1 besitzt diesen Arbeitsordner: Sie schauen seinem Lauf zu.</translation>
        </message>
        <message>
            <source>Running in %1, pid %2 — you are watching; %3 is available when it ends</source>
            <translation>Läuft in %1, pid %2 — Sie schauen zu; %3 ist verfügbar, wenn er endet</translation>
        </message>
        <message>
            <source>%1, pid %2, stopped without finishing — take over the workspace first (%3 is available then)</source>
            <translation>%1, pid %2, wurde vor dem Ende gestoppt — übernehmen Sie zuerst den Arbeitsordner (dann ist %3 verfügbar)</translation>
        </message>
        <message>
            <source>%1 — %2% — watching %3 — Retake</source>
            <comment>window title: project — percent — owner watched — app</comment>
            <translation>%1 — %2 % — Sie schauen %3 zu — Retake</translation>
        </message>
        <message>
            <source>You resumed the batch in %1.</source>
            <translation>Sie haben den Batch in %1 fortgesetzt.</translation>
        </message>
        <message>
            <source>You paused the batch in %1.</source>
            <translation>Sie haben den Batch in %1 pausiert.</translation>
        </message>
        <message>
            <source>You cancelled the batch in %1.</source>
            <translation>Sie haben den Batch in %1 abgebrochen.</translation>
        </message>
        <message>
            <source>%1 owns this workspace; Run is available when it ends.</source>
            <translation>%1 besitzt diesen Arbeitsordner; Starten ist verfügbar, wenn es fertig ist.</translation>
        </message>
        <message>
            <source>Preferences saved; %1 runs this batch with its own, yours apply when this window runs it.</source>
            <translation>Einstellungen gespeichert; %1 führt diesen Batch mit seinen eigenen aus, Ihre gelten, wenn dieses Fenster ihn ausführt.</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::MessageBanner</name>
        <message>
            <source>Dismiss</source>
            <translation>Ausblenden</translation>
        </message>
        <message>
            <source>Dismiss this message; it comes back if the problem changes</source>
            <translation>Diese Meldung ausblenden; sie erscheint wieder, wenn sich das Problem ändert</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::PreferencesDialog</name>
        <message>
            <source>Preferences</source>
            <translation>Einstellungen</translation>
        </message>
        <message>
            <source>Automatic retries</source>
            <translation>Automatische Wiederholungen</translation>
        </message>
        <message>
            <source>Use these settings instead of the storyboard's</source>
            <translation>Diese Werte statt der des Storyboards verwenden</translation>
        </message>
        <message>
            <source>Automatic retries per task and run, after the first attempt</source>
            <translation>Automatische Wiederholungen pro Aufgabe und Lauf, nach dem ersten Versuch</translation>
        </message>
        <message>
            <source>Retries per task:</source>
            <translation>Wiederholungen pro Aufgabe:</translation>
        </message>
        <message>
            <source> s</source>
            <comment>seconds suffix</comment>
            <translation> s</translation>
        </message>
        <message>
            <source>Wait before the first retry; it doubles for each further retry (with ±20 % jitter)</source>
            <translation>Wartezeit vor der ersten Wiederholung; sie verdoppelt sich mit jeder weiteren (mit ±20 % Streuung)</translation>
        </message>
        <message>
            <source>Backoff base:</source>
            <translation>Grundwartezeit:</translation>
        </message>
        <message>
            <source>Disk</source>
            <translation>Datenträger</translation>
        </message>
        <message>
            <source> MB</source>
            <comment>megabytes suffix</comment>
            <translation> MB</translation>
        </message>
        <message>
            <source>Retake pauses before the free space falls below this</source>
            <translation>Retake pausiert, bevor der freie Speicherplatz unter diesen Wert fällt</translation>
        </message>
        <message>
            <source>Keep free:</source>
            <translation>Freihalten:</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Sonstiges</translation>
        </message>
        <message>
            <source>Debug logging: record every attempt's parameters, prompts included, in the activity log</source>
            <translation>Debug-Protokoll: die Parameter jedes Versuchs, einschließlich der Prompts, im Aktivitätsprotokoll aufzeichnen</translation>
        </message>
        <message>
            <source>Tell the desktop when a batch ends or needs you while Retake is not the window in front</source>
            <translation>Dem Desktop melden, wenn ein Batch endet oder Sie braucht, während Retake nicht das vordere Fenster ist</translation>
        </message>
        <message>
            <source>System default</source>
            <translation>Systemvorgabe</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>Sprache:</translation>
        </message>
        <message>
            <source>A new language takes effect the next time Retake starts.</source>
            <translation>Eine neue Sprache gilt ab dem nächsten Start von Retake.</translation>
        </message>
        <message>
            <source>Running</source>
            <translation>Ausführung</translation>
        </message>
        <message>
            <source>As in the provider profiles</source>
            <translation>Wie in den Anbieterprofilen</translation>
        </message>
        <message>
            <source>At most this many requests in flight per provider. Lowers the limit of a provider's profile, never raises it; Retake still lowers it further by itself when a provider rate-limits.</source>
            <translation>Höchstens so viele laufende Anfragen pro Anbieter. Senkt die Grenze aus dem Profil eines Anbieters, erhöht sie nie; Retake senkt sie weiterhin selbst, wenn ein Anbieter Anfragen drosselt.</translation>
        </message>
        <message>
            <source>Parallel requests per provider:</source>
            <translation>Parallele Anfragen pro Anbieter:</translation>
        </message>
        <message>
            <source>Show the estimate and ask for a budget cap before each run</source>
            <translation>Vor jedem Lauf die Schätzung zeigen und nach einer Budgetgrenze fragen</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ProviderProfileEditor</name>
        <message>
            <source> s</source>
            <comment>seconds suffix</comment>
            <translation> s</translation>
        </message>
        <message>
            <source>no limit</source>
            <translation>keine Grenze</translation>
        </message>
        <message>
            <source>Built-in offline renderer (local)</source>
            <translation>Eingebauter Offline-Renderer (local)</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <comment>kind label (kind name)</comment>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>Add provider profile</source>
            <translation>Anbieterprofil hinzufügen</translation>
        </message>
        <message>
            <source>Edit provider profile %1</source>
            <translation>Anbieterprofil %1 bearbeiten</translation>
        </message>
        <message>
            <source>Problems</source>
            <translation>Probleme</translation>
        </message>
        <message>
            <source>e.g. studio-comfyui</source>
            <translation>z. B. studio-comfyui</translation>
        </message>
        <message>
            <source>The name storyboards use for this provider: letters, digits, '-' and '_'</source>
            <translation>Der Name, unter dem Storyboards diesen Anbieter verwenden: Buchstaben, Ziffern, „-“ und „_“</translation>
        </message>
        <message>
            <source>What kind of server this is; it decides the wire format</source>
            <translation>Welche Art von Server dies ist; sie bestimmt das Übertragungsformat</translation>
        </message>
        <message>
            <source>https anywhere; plain http only to this computer or to the hosts allowed below. Leave empty for the kind's default.</source>
            <translation>https überallhin; unverschlüsseltes http nur zu diesem Computer oder zu den unten erlaubten Hosts. Leer lassen für die Voreinstellung der Art.</translation>
        </message>
        <message>
            <source>The name under which the API key is kept in the system keychain (and the environment variable RETAKE_KEY_&lt;NAME&gt;) — never the key itself. Use "Set API key…" in the list to store the key.</source>
            <translation>Der Name, unter dem der API-Schlüssel im Schlüsselbund des Systems (und in der Umgebungsvariable RETAKE_KEY_&lt;NAME&gt;) liegt – niemals der Schlüssel selbst. Speichern Sie den Schlüssel mit „API-Schlüssel festlegen…“ in der Liste.</translation>
        </message>
        <message>
            <source>Attempts run at once on this provider at most; Retake lowers it by itself when the provider rate-limits</source>
            <translation>Höchstzahl gleichzeitiger Versuche bei diesem Anbieter; Retake senkt sie selbst, wenn der Anbieter die Rate begrenzt</translation>
        </message>
        <message>
            <source>What one attempt costs, in your own units (e.g. US cents); used for estimates and the run budget</source>
            <translation>Was ein Versuch kostet, in Ihren eigenen Einheiten (z. B. US-Cent); für Schätzungen und das Budget eines Laufs</translation>
        </message>
        <message>
            <source>e.g. gpu-box.lan, 192.168.1.20</source>
            <translation>z. B. gpu-box.lan, 192.168.1.20</translation>
        </message>
        <message>
            <source>Hosts on your own network that may be reached over plain http, separated by commas. Everything else needs https.</source>
            <translation>Hosts in Ihrem eigenen Netz, die über unverschlüsseltes http erreicht werden dürfen, durch Kommas getrennt. Alles andere braucht https.</translation>
        </message>
        <message>
            <source>Timeouts</source>
            <translation>Zeitlimits</translation>
        </message>
        <message>
            <source>Until a request is on the wire</source>
            <translation>Bis eine Anfrage gesendet wird</translation>
        </message>
        <message>
            <source>From sending a request until the answer starts</source>
            <translation>Vom Senden einer Anfrage bis zum Beginn der Antwort</translation>
        </message>
        <message>
            <source>One HTTP exchange, downloads included</source>
            <translation>Ein HTTP-Austausch, Downloads eingeschlossen</translation>
        </message>
        <message>
            <source>The first status poll of a job; it grows up to the longest poll interval</source>
            <translation>Die erste Statusabfrage eines Auftrags; der Abstand wächst bis zum längsten Abfrageintervall</translation>
        </message>
        <message>
            <source>A whole job on the provider, queueing included</source>
            <translation>Ein ganzer Auftrag beim Anbieter, Warteschlange eingeschlossen</translation>
        </message>
        <message>
            <source>no server: runs on this computer</source>
            <translation>kein Server: läuft auf diesem Computer</translation>
        </message>
        <message>
            <source>default: %1</source>
            <translation>Voreinstellung: %1</translation>
        </message>
        <message>
            <source>the kind's default</source>
            <translation>Voreinstellung der Art</translation>
        </message>
        <message>
            <source>the profile's id</source>
            <translation>die ID des Profils</translation>
        </message>
        <message>
            <source>Image and video</source>
            <translation>Bild und Video</translation>
        </message>
        <message>
            <source>Image only</source>
            <translation>Nur Bild</translation>
        </message>
        <message>
            <source>Video only</source>
            <translation>Nur Video</translation>
        </message>
        <message>
            <source>Image</source>
            <translation>Bild</translation>
        </message>
        <message>
            <source>Video</source>
            <translation>Video</translation>
        </message>
        <message>
            <source>Voice-overs (audio)</source>
            <translation>Sprechertexte (Audio)</translation>
        </message>
        <message>
            <source>ID</source>
            <comment>provider profile field</comment>
            <translation>ID</translation>
        </message>
        <message>
            <source>Kind</source>
            <comment>provider profile field</comment>
            <translation>Art</translation>
        </message>
        <message>
            <source>Base URL</source>
            <comment>provider profile field</comment>
            <translation>Basis-URL</translation>
        </message>
        <message>
            <source>Model</source>
            <comment>provider profile field</comment>
            <translation>Modell</translation>
        </message>
        <message>
            <source>API key name</source>
            <comment>provider profile field</comment>
            <translation>Name des API-Schlüssels</translation>
        </message>
        <message>
            <source>Stages</source>
            <comment>provider profile field</comment>
            <translation>Stufen</translation>
        </message>
        <message>
            <source>Max concurrency</source>
            <comment>provider profile field</comment>
            <translation>Max. Parallelität</translation>
        </message>
        <message>
            <source>Cost per unit</source>
            <comment>provider profile field</comment>
            <translation>Kosten pro Einheit</translation>
        </message>
        <message>
            <source>Plain http allowed to</source>
            <comment>provider profile field</comment>
            <translation>Unverschlüsseltes http erlaubt zu</translation>
        </message>
        <message>
            <source>Connect</source>
            <comment>timeout field</comment>
            <translation>Verbinden</translation>
        </message>
        <message>
            <source>First byte</source>
            <comment>timeout field</comment>
            <translation>Erstes Byte</translation>
        </message>
        <message>
            <source>Whole request</source>
            <comment>timeout field</comment>
            <translation>Ganze Anfrage</translation>
        </message>
        <message>
            <source>First poll after</source>
            <comment>timeout field</comment>
            <translation>Erste Abfrage nach</translation>
        </message>
        <message>
            <source>Longest poll interval</source>
            <comment>timeout field</comment>
            <translation>Längstes Abfrageintervall</translation>
        </message>
        <message>
            <source>Whole job</source>
            <comment>timeout field</comment>
            <translation>Ganzer Auftrag</translation>
        </message>
        <message>
            <source>Largest download</source>
            <comment>provider profile field</comment>
            <translation>Größter Download</translation>
        </message>
        <message>
            <source>Redirects</source>
            <comment>provider profile field</comment>
            <translation>Weiterleitungen</translation>
        </message>
        <message>
            <source>%1: enter an id, e.g. "studio-comfyui"; storyboards name the provider by it.</source>
            <translation>%1: Geben Sie eine ID ein, z. B. „studio-comfyui“; Storyboards nennen den Anbieter damit.</translation>
        </message>
        <message>
            <source>%1: this field is required.</source>
            <translation>%1: Dieses Feld ist erforderlich.</translation>
        </message>
        <message>
            <source>%1: use only letters, digits, '-' and '_' (at most 64 characters), starting with a letter or digit.</source>
            <translation>%1: Verwenden Sie nur Buchstaben, Ziffern, „-“ und „_“ (höchstens 64 Zeichen), beginnend mit einem Buchstaben oder einer Ziffer.</translation>
        </message>
        <message>
            <source>%1: "local" is the built-in provider; choose another id.</source>
            <translation>%1: „local“ ist der eingebaute Anbieter; wählen Sie eine andere ID.</translation>
        </message>
        <message>
            <source>Retake itself</source>
            <translation>Retake selbst</translation>
        </message>
        <message>
            <source>your settings</source>
            <translation>Ihren Einstellungen</translation>
        </message>
        <message>
            <source>%1: another profile with this id is already defined in %2; choose another id.</source>
            <translation>%1: Ein anderes Profil mit dieser ID ist bereits in %2 definiert; wählen Sie eine andere ID.</translation>
        </message>
        <message>
            <source>%1: not a kind Retake knows; choose one of %2.</source>
            <translation>%1: Keine Art, die Retake kennt; wählen Sie eine von %2.</translation>
        </message>
        <message>
            <source>%1: not an http or https address; enter one such as https://api.example.com or http://127.0.0.1:8188, or leave it empty for the kind's default.</source>
            <translation>%1: Keine http- oder https-Adresse; geben Sie eine wie https://api.example.com oder http://127.0.0.1:8188 ein oder lassen Sie das Feld für die Voreinstellung der Art leer.</translation>
        </message>
        <message>
            <source>%1: remove the user name and password from the address; store the API key with "Set API key…" instead.</source>
            <translation>%1: Entfernen Sie Benutzername und Passwort aus der Adresse; speichern Sie den API-Schlüssel stattdessen mit „API-Schlüssel festlegen…“.</translation>
        </message>
        <message>
            <source>%1: plain http to %2 would send prompts and keys unencrypted. Use https, or add %2 to "%3" if it is a machine on your own network.</source>
            <translation>%1: Unverschlüsseltes http zu %2 würde Prompts und Schlüssel unverschlüsselt senden. Verwenden Sie https oder tragen Sie %2 unter „%3“ ein, wenn es ein Rechner in Ihrem eigenen Netz ist.</translation>
        </message>
        <message>
            <source>%1: use letters, digits, '.', '-' and '_' (at most 64) — the name of the key, not the key itself.</source>
            <translation>%1: Verwenden Sie Buchstaben, Ziffern, „.“, „-“ und „_“ (höchstens 64) – den Namen des Schlüssels, nicht den Schlüssel selbst.</translation>
        </message>
        <message>
            <source>%1: "%2" is not a host name; enter names such as gpu-box.lan, separated by commas.</source>
            <translation>%1: „%2“ ist kein Hostname; geben Sie Namen wie gpu-box.lan ein, durch Kommas getrennt.</translation>
        </message>
        <message>
            <source>%1: enter a value from %2 to %3%4.</source>
            <translation>%1: Geben Sie einen Wert von %2 bis %3%4 ein.</translation>
        </message>
        <message>
            <source>Your settings could not be written (%1); check that the folder is writable and save again.</source>
            <translation>Ihre Einstellungen konnten nicht geschrieben werden (%1); prüfen Sie, ob der Ordner beschreibbar ist, und speichern Sie erneut.</translation>
        </message>
        <message>
            <source>Requests per minute</source>
            <comment>provider profile field</comment>
            <translation>Anfragen pro Minute</translation>
        </message>
        <message>
            <source>Longest wait for a rate limit</source>
            <comment>provider profile field</comment>
            <translation>Längste Wartezeit bei Ratenbegrenzung</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ProviderProfileModel</name>
        <message>
            <source>Built in</source>
            <comment>where a provider profile is defined</comment>
            <translation>Eingebaut</translation>
        </message>
        <message>
            <source>Storyboard (%1)</source>
            <comment>where a provider profile is defined</comment>
            <translation>Storyboard (%1)</translation>
        </message>
        <message>
            <source>providers.json beside the storyboard</source>
            <comment>where a provider profile is defined</comment>
            <translation>providers.json neben dem Storyboard</translation>
        </message>
        <message>
            <source>Your settings</source>
            <comment>where a provider profile is defined</comment>
            <translation>Ihre Einstellungen</translation>
        </message>
        <message>
            <source>%1 (default)</source>
            <comment>model</comment>
            <translation>%1 (Voreinstellung)</translation>
        </message>
        <message>
            <source>this computer</source>
            <comment>base URL of a provider without a server</comment>
            <translation>dieser Computer</translation>
        </message>
        <message>
            <source>%1 (default)</source>
            <comment>base URL</comment>
            <translation>%1 (Voreinstellung)</translation>
        </message>
        <message>
            <source>%1 — not used</source>
            <comment>source — hidden by another definition</comment>
            <translation>%1 – nicht verwendet</translation>
        </message>
        <message>
            <source>not needed</source>
            <comment>API key</comment>
            <translation>nicht nötig</translation>
        </message>
        <message>
            <source>looking…</source>
            <comment>API key</comment>
            <translation>wird gesucht…</translation>
        </message>
        <message>
            <source>none</source>
            <comment>API key</comment>
            <translation>keiner</translation>
        </message>
        <message>
            <source>system keychain</source>
            <comment>API key</comment>
            <translation>Schlüsselbund des Systems</translation>
        </message>
        <message>
            <source>this session only</source>
            <comment>API key</comment>
            <translation>nur diese Sitzung</translation>
        </message>
        <message>
            <source>not tested</source>
            <comment>connection test</comment>
            <translation>nicht getestet</translation>
        </message>
        <message>
            <source>testing…</source>
            <comment>connection test</comment>
            <translation>wird getestet…</translation>
        </message>
        <message>
            <source>OK</source>
            <comment>connection test</comment>
            <translation>OK</translation>
        </message>
        <message>
            <source>FAILED: %1</source>
            <comment>connection test: error class</comment>
            <translation>FEHLGESCHLAGEN: %1</translation>
        </message>
        <message>
            <source>Not used: %1 defines the same id and comes first.</source>
            <translation>Nicht verwendet: %1 definiert dieselbe ID und hat Vorrang.</translation>
        </message>
        <message>
            <source>Read-only here: edit the file that defines it.</source>
            <translation>Hier schreibgeschützt: Bearbeiten Sie die Datei, die es definiert.</translation>
        </message>
        <message>
            <source>This kind runs without an API key.</source>
            <translation>Diese Art kommt ohne API-Schlüssel aus.</translation>
        </message>
        <message>
            <source>No key found. Use "Set API key…", or set %1.</source>
            <translation>Kein Schlüssel gefunden. Verwenden Sie „API-Schlüssel festlegen…“ oder setzen Sie %1.</translation>
        </message>
        <message>
            <source>Where the key of "%1" is found. The key itself is never shown.</source>
            <translation>Wo der Schlüssel „%1“ gefunden wird. Der Schlüssel selbst wird nie angezeigt.</translation>
        </message>
        <message>
            <source>Kind "%1"</source>
            <translation>Art „%1“</translation>
        </message>
        <message>
            <source>ID</source>
            <translation>ID</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Art</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Modell</translation>
        </message>
        <message>
            <source>Base URL</source>
            <translation>Basis-URL</translation>
        </message>
        <message>
            <source>Defined in</source>
            <translation>Definiert in</translation>
        </message>
        <message>
            <source>API key</source>
            <translation>API-Schlüssel</translation>
        </message>
        <message>
            <source>Connection</source>
            <translation>Verbindung</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ProviderProfilesDialog</name>
        <message>
            <source>&amp;Add…</source>
            <translation>&amp;Hinzufügen…</translation>
        </message>
        <message>
            <source>&amp;Edit…</source>
            <translation>&amp;Bearbeiten…</translation>
        </message>
        <message>
            <source>&amp;Remove</source>
            <translation>&amp;Entfernen</translation>
        </message>
        <message>
            <source>&amp;Test connection</source>
            <translation>Verbindung &amp;testen</translation>
        </message>
        <message>
            <source>Set API &amp;key…</source>
            <translation>API-&amp;Schlüssel festlegen…</translation>
        </message>
        <message>
            <source>Provider profiles</source>
            <translation>Anbieterprofile</translation>
        </message>
        <message>
            <source>Profiles come from the storyboard, from providers.json beside it and from your settings; the first definition of an id wins. Your own profiles are used by every storyboard; the others are read-only here. Changes take effect the next time a storyboard is opened.</source>
            <translation>Profile stammen aus dem Storyboard, aus providers.json daneben und aus Ihren Einstellungen; die erste Definition einer ID gilt. Ihre eigenen Profile gelten für jedes Storyboard; die anderen sind hier schreibgeschützt. Änderungen wirken ab dem nächsten Öffnen eines Storyboards.</translation>
        </message>
        <message>
            <source>Add a profile to your settings</source>
            <translation>Ein Profil zu Ihren Einstellungen hinzufügen</translation>
        </message>
        <message>
            <source>Remove the selected profile from your settings</source>
            <translation>Das ausgewählte Profil aus Ihren Einstellungen entfernen</translation>
        </message>
        <message>
            <source>Make one cheap real request that proves the address and the key</source>
            <translation>Eine günstige echte Anfrage senden, die Adresse und Schlüssel bestätigt</translation>
        </message>
        <message>
            <source>Select a profile to test its connection or to set its API key.</source>
            <translation>Wählen Sie ein Profil, um seine Verbindung zu testen oder seinen API-Schlüssel festzulegen.</translation>
        </message>
        <message>
            <source>Some profiles could not be read and are left out:</source>
            <translation>Einige Profile konnten nicht gelesen werden und fehlen:</translation>
        </message>
        <message>
            <source>Defined in %1: edit that file to change it</source>
            <translation>Definiert in %1: Bearbeiten Sie diese Datei, um es zu ändern</translation>
        </message>
        <message>
            <source>Change the selected profile</source>
            <translation>Das ausgewählte Profil ändern</translation>
        </message>
        <message>
            <source>Store the selected profile's API key in the system keychain; it is never shown again</source>
            <translation>Den API-Schlüssel des ausgewählten Profils im Schlüsselbund des Systems speichern; er wird nie wieder angezeigt</translation>
        </message>
        <message>
            <source>This kind runs without an API key</source>
            <translation>Diese Art kommt ohne API-Schlüssel aus</translation>
        </message>
        <message>
            <source>Saved the profile %1 in your settings. Storyboards opened from now on can use it.</source>
            <translation>Profil %1 in Ihren Einstellungen gespeichert. Ab jetzt geöffnete Storyboards können es verwenden.</translation>
        </message>
        <message>
            <source>Remove provider profile</source>
            <translation>Anbieterprofil entfernen</translation>
        </message>
        <message>
            <source>Remove the profile %1 from your settings?</source>
            <translation>Das Profil %1 aus Ihren Einstellungen entfernen?</translation>
        </message>
        <message>
            <source>Storyboards that use %1 will report it as unknown. Its API key stays in the system keychain.</source>
            <translation>Storyboards, die %1 verwenden, melden es dann als unbekannt. Sein API-Schlüssel bleibt im Schlüsselbund des Systems.</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Entfernen</translation>
        </message>
        <message>
            <source>Removed the profile %1 from your settings.</source>
            <translation>Profil %1 aus Ihren Einstellungen entfernt.</translation>
        </message>
        <message>
            <source>Testing %1…</source>
            <translation>%1 wird getestet…</translation>
        </message>
        <message>
            <source>Testing %1 at %2…</source>
            <translation>%1 unter %2 wird getestet…</translation>
        </message>
        <message>
            <source>Connection to %1: OK.</source>
            <translation>Verbindung zu %1: OK.</translation>
        </message>
        <message>
            <source>Connection to %1: FAILED (%2, HTTP %3).</source>
            <translation>Verbindung zu %1: FEHLGESCHLAGEN (%2, HTTP %3).</translation>
        </message>
        <message>
            <source>Connection to %1: FAILED (%2).</source>
            <translation>Verbindung zu %1: FEHLGESCHLAGEN (%2).</translation>
        </message>
        <message>
            <source>What to do: %1</source>
            <translation>Was zu tun ist: %1</translation>
        </message>
        <message>
            <source>Set API key</source>
            <translation>API-Schlüssel festlegen</translation>
        </message>
        <message>
            <source>API key of %1. It is stored in the system keychain under "%2", never in a file, and never shown again.</source>
            <translation>API-Schlüssel von %1. Er wird im Schlüsselbund des Systems unter „%2“ gespeichert, nie in einer Datei, und nie wieder angezeigt.</translation>
        </message>
        <message>
            <source>API key of %1. The system keychain is switched off (RETAKE_KEYCHAIN), so the key is kept only until Retake quits; set %2 to keep it.</source>
            <translation>API-Schlüssel von %1. Der Schlüsselbund des Systems ist abgeschaltet (RETAKE_KEYCHAIN), daher wird der Schlüssel nur bis zum Beenden von Retake behalten; setzen Sie %2, um ihn dauerhaft zu hinterlegen.</translation>
        </message>
        <message>
            <source>Store key</source>
            <translation>Schlüssel speichern</translation>
        </message>
        <message>
            <source>No key entered for %1; nothing was stored.</source>
            <translation>Kein Schlüssel für %1 eingegeben; nichts wurde gespeichert.</translation>
        </message>
        <message>
            <source>The system keychain did not store the key of %1: %2. Set the environment variable %3 instead.</source>
            <translation>Der Schlüsselbund des Systems hat den Schlüssel von %1 nicht gespeichert: %2. Setzen Sie stattdessen die Umgebungsvariable %3.</translation>
        </message>
        <message>
            <source>Stored the API key of %1 in the system keychain.</source>
            <translation>API-Schlüssel von %1 im Schlüsselbund des Systems gespeichert.</translation>
        </message>
        <message>
            <source>Kept the API key of %1 for this session only.</source>
            <translation>API-Schlüssel von %1 nur für diese Sitzung behalten.</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ProviderStatusModel</name>
        <message>
            <source>Closed</source>
            <comment>circuit breaker: the provider is used</comment>
            <translation>Geschlossen</translation>
        </message>
        <message>
            <source>Open until %1</source>
            <comment>circuit breaker: avoided until a time</comment>
            <translation>Offen bis %1</translation>
        </message>
        <message>
            <source>Open</source>
            <comment>circuit breaker: the provider is avoided</comment>
            <translation>Offen</translation>
        </message>
        <message>
            <source>Half-open</source>
            <comment>circuit breaker: one probe attempt is let through</comment>
            <translation>Halb offen</translation>
        </message>
        <message>
            <source>%1 · %2</source>
            <comment>provider kind · model</comment>
            <translation>%1 · %2</translation>
        </message>
        <message>
            <source>%1 %</source>
            <comment>percent</comment>
            <translation>%1 %</translation>
        </message>
        <message>
            <source>none</source>
            <comment>no last error</comment>
            <translation>keiner</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <comment>error class: message</comment>
            <translation>%1: %2</translation>
        </message>
        <message>
            <source>%1 is in use.</source>
            <translation>%1 wird verwendet.</translation>
        </message>
        <message>
            <source>%1 failed several times in a row and is avoided for a cool-down; its tasks move to other providers or wait. Use "Retry now" in its banner to try it at once.</source>
            <translation>%1 ist mehrmals hintereinander gescheitert und wird für eine Abkühlpause gemieden; seine Aufgaben wechseln zu anderen Anbietern oder warten. Mit „Jetzt erneut versuchen“ in seinem Banner versuchen Sie es sofort.</translation>
        </message>
        <message>
            <source>The cool-down of %1 is over: one attempt probes it; success closes the breaker, failure opens it again for longer.</source>
            <translation>Die Abkühlpause von %1 ist vorbei: Ein Versuch testet ihn; ein Erfolg schließt den Schutzschalter, ein Fehlschlag öffnet ihn erneut für länger.</translation>
        </message>
        <message>
            <source>How many attempts Retake runs at once on %1 now; it halves on "rate limited" and grows again after successes.</source>
            <translation>Wie viele Versuche Retake jetzt gleichzeitig bei %1 ausführt; der Wert halbiert sich bei „ratenbegrenzt“ und wächst nach Erfolgen wieder.</translation>
        </message>
        <message>
            <source>The profile's maximum concurrency</source>
            <translation>Die maximale Parallelität des Profils</translation>
        </message>
        <message>
            <source>Failed share of the last 20 attempts on %1</source>
            <translation>Anteil fehlgeschlagener unter den letzten 20 Versuchen bei %1</translation>
        </message>
        <message>
            <source>%1 at %2. %3</source>
            <translation>%1 um %2. %3</translation>
        </message>
        <message>
            <source>Breaker of %1: %2</source>
            <translation>Schutzschalter von %1: %2</translation>
        </message>
        <message>
            <source>Circuit breaker: closed = in use, open = avoided for a cool-down, half-open = one probe attempt</source>
            <translation>Schutzschalter: geschlossen = in Verwendung, offen = für eine Abkühlpause gemieden, halb offen = ein Testversuch</translation>
        </message>
        <message>
            <source>Current adaptive concurrency limit</source>
            <translation>Aktuelle adaptive Parallelitätsgrenze</translation>
        </message>
        <message>
            <source>Configured maximum concurrency</source>
            <translation>Konfigurierte maximale Parallelität</translation>
        </message>
        <message>
            <source>Failed share of the last 20 attempts</source>
            <translation>Anteil fehlgeschlagener unter den letzten 20 Versuchen</translation>
        </message>
        <message>
            <source>Provider</source>
            <translation>Anbieter</translation>
        </message>
        <message>
            <source>Kind · model</source>
            <translation>Art · Modell</translation>
        </message>
        <message>
            <source>Breaker</source>
            <translation>Schutzschalter</translation>
        </message>
        <message>
            <source>In flight</source>
            <translation>Laufend</translation>
        </message>
        <message>
            <source>Limit now</source>
            <translation>Grenze jetzt</translation>
        </message>
        <message>
            <source>Configured</source>
            <translation>Konfiguriert</translation>
        </message>
        <message>
            <source>Queued</source>
            <translation>Eingereiht</translation>
        </message>
        <message>
            <source>Errors</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <source>Last error</source>
            <translation>Letzter Fehler</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ProviderStatusPanel</name>
        <message>
            <source>Providers</source>
            <translation>Anbieter</translation>
        </message>
        <message>
            <source>Open a storyboard to see its providers here.</source>
            <translation>Öffnen Sie ein Storyboard, um hier seine Anbieter zu sehen.</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ReportDialog</name>
        <message>
            <source>Job report — %1</source>
            <translation>Auftragsbericht — %1</translation>
        </message>
        <message>
            <source>Open in browser</source>
            <translation>Im Browser öffnen</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::RunConfirmationDialog</name>
        <message>
            <source>%1 ms</source>
            <comment>duration</comment>
            <translation>%1 ms</translation>
        </message>
        <message>
            <source>%1 s</source>
            <comment>duration in seconds</comment>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>%1 min %2 s</source>
            <comment>duration</comment>
            <translation>%1 min %2 s</translation>
        </message>
        <message>
            <source>%1 h %2 min</source>
            <comment>duration</comment>
            <translation>%1 h %2 min</translation>
        </message>
        <message>
            <source>Run the batch</source>
            <translation>Batch starten</translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) of %1 will run (%2 already done). Expected: about %3 and %4 cost units.</source>
            <translation>
                <numerusform>%n von %1 Aufgaben wird ausgeführt (%2 bereits fertig). Erwartet: etwa %3 und %4 Kosteneinheiten.</numerusform>
                <numerusform>%n von %1 Aufgaben werden ausgeführt (%2 bereits fertig). Erwartet: etwa %3 und %4 Kosteneinheiten.</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing is left to run: %1 of %2 tasks are done.</source>
            <translation>Nichts mehr auszuführen: %1 von %2 Aufgaben sind fertig.</translation>
        </message>
        <message>
            <source>Provider</source>
            <translation>Anbieter</translation>
        </message>
        <message>
            <source>Tasks</source>
            <translation>Aufgaben</translation>
        </message>
        <message>
            <source>Images</source>
            <translation>Bilder</translation>
        </message>
        <message>
            <source>Videos</source>
            <translation>Videos</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Zeit</translation>
        </message>
        <message>
            <source>Wall time</source>
            <translation>Gesamtdauer</translation>
        </message>
        <message>
            <source>Cost</source>
            <translation>Kosten</translation>
        </message>
        <message>
            <source>Durations from</source>
            <translation>Dauern aus</translation>
        </message>
        <message>
            <source>Provider time: the expected attempt durations added up</source>
            <translation>Anbieterzeit: die erwarteten Versuchsdauern zusammengezählt</translation>
        </message>
        <message>
            <source>Provider time spread over the provider's parallel requests</source>
            <translation>Anbieterzeit, verteilt auf die parallelen Anfragen des Anbieters</translation>
        </message>
        <message>
            <source>Cost units: the provider profile's cost per unit times the units (an image is 1 unit, a video 1 unit per second)</source>
            <translation>Kosteneinheiten: die Kosten pro Einheit aus dem Anbieterprofil mal die Einheiten (ein Bild ist 1 Einheit, ein Video 1 Einheit pro Sekunde)</translation>
        </message>
        <message numerus="yes">
            <source>%n measured attempt(s)</source>
            <translation>
                <numerusform>%n gemessenem Versuch</numerusform>
                <numerusform>%n gemessenen Versuchen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n measured attempt(s) and defaults</source>
            <translation>
                <numerusform>%n gemessenem Versuch und Standardwerten</numerusform>
                <numerusform>%n gemessenen Versuchen und Standardwerten</numerusform>
            </translation>
        </message>
        <message>
            <source>defaults</source>
            <translation>Standardwerten</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>Gesamt</translation>
        </message>
        <message numerus="yes">
            <source>%n failed or blocked task(s) are not included: they run after Retry all failed (about %1 cost units more).</source>
            <translation>
                <numerusform>%n fehlgeschlagene oder blockierte Aufgabe ist nicht enthalten: sie läuft nach „Alle fehlgeschlagenen wiederholen“ (etwa %1 Kosteneinheiten mehr).</numerusform>
                <numerusform>%n fehlgeschlagene oder blockierte Aufgaben sind nicht enthalten: sie laufen nach „Alle fehlgeschlagenen wiederholen“ (etwa %1 Kosteneinheiten mehr).</numerusform>
            </translation>
        </message>
        <message>
            <source>One attempt per task: retries and degradation cost more. Durations come from measured past attempts on the same provider, or from defaults until there are some.</source>
            <translation>Ein Versuch pro Aufgabe: Wiederholungen und Abstufungen kosten mehr. Die Dauern stammen aus gemessenen früheren Versuchen beim selben Anbieter oder, solange es keine gibt, aus Standardwerten.</translation>
        </message>
        <message>
            <source>No cap</source>
            <translation>Keine Grenze</translation>
        </message>
        <message>
            <source> cost units</source>
            <comment>budget spin box suffix</comment>
            <translation> Kosteneinheiten</translation>
        </message>
        <message>
            <source>Retake stops starting tasks before this run's cost would go past the cap; attempts already running finish and are kept. 0 = no cap.</source>
            <translation>Retake startet keine Aufgaben mehr, bevor die Kosten dieses Laufs die Grenze überschreiten würden; bereits laufende Versuche werden beendet und behalten. 0 = keine Grenze.</translation>
        </message>
        <message>
            <source>Budget cap for this run</source>
            <translation>Budgetgrenze für diesen Lauf</translation>
        </message>
        <message>
            <source>Budget cap for this run:</source>
            <translation>Budgetgrenze für diesen Lauf:</translation>
        </message>
        <message>
            <source>Don't ask again (Preferences can turn this back on)</source>
            <translation>Nicht mehr fragen (in den Einstellungen wieder einschaltbar)</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>Starten</translation>
        </message>
        <message>
            <source>No cap: the run may cost more than the estimate when tasks are retried.</source>
            <translation>Keine Grenze: der Lauf kann mehr kosten als geschätzt, wenn Aufgaben wiederholt werden.</translation>
        </message>
        <message>
            <source>The estimate (%1) is above the cap: Retake stops starting tasks before the cap and tells you; nothing running is thrown away.</source>
            <translation>Die Schätzung (%1) liegt über der Grenze: Retake startet vor der Grenze keine Aufgaben mehr und sagt es Ihnen; nichts Laufendes wird verworfen.</translation>
        </message>
        <message>
            <source>Leaves %1 cost units for retries.</source>
            <translation>Lässt %1 Kosteneinheiten für Wiederholungen.</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ShotDetailPanel</name>
        <message>
            <source>Select a shot to see its prompt, attempts and output.</source>
            <translation>Wählen Sie einen Shot, um seinen Prompt, seine Versuche und seine Ausgabe zu sehen.</translation>
        </message>
        <message>
            <source>Output</source>
            <translation>Ausgabe</translation>
        </message>
        <message>
            <source>No preview: %1</source>
            <translation>Keine Vorschau: %1</translation>
        </message>
        <message>
            <source>Prompt</source>
            <translation>Prompt</translation>
        </message>
        <message>
            <source>Attempts</source>
            <translation>Versuche</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <comment>shot id — title</comment>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>Scene %1</source>
            <translation>Szene %1</translation>
        </message>
        <message>
            <source>Negative: %1</source>
            <translation>Negativ: %1</translation>
        </message>
        <message>
            <source>Seed %1 · image %2×%3, %4 steps · video %5 s at %6 fps, %7</source>
            <translation>Seed %1 · Bild %2×%3, %4 Schritte · Video %5 s bei %6 fps, %7</translation>
        </message>
        <message>
            <source>Last error: %1</source>
            <translation>Letzter Fehler: %1</translation>
        </message>
        <message>
            <source>(HTTP %1)</source>
            <translation>(HTTP %1)</translation>
        </message>
        <message numerus="yes">
            <source>Retried %n time(s) by hand with the same error: switch provider or edit the prompt instead.</source>
            <translation>
                <numerusform>%n-mal manuell mit demselben Fehler wiederholt: stattdessen den Anbieter wechseln oder den Prompt bearbeiten.</numerusform>
                <numerusform>%n-mal manuell mit demselben Fehler wiederholt: stattdessen den Anbieter wechseln oder den Prompt bearbeiten.</numerusform>
            </translation>
        </message>
        <message>
            <source>Next: %1 on %2</source>
            <translation>Als Nächstes: %1 bei %2</translation>
        </message>
        <message>
            <source>Made by %1 at full quality: the first-choice provider failed.</source>
            <translation>Von %1 in voller Qualität erstellt: der bevorzugte Anbieter ist gescheitert.</translation>
        </message>
        <message>
            <source>Play</source>
            <translation>Abspielen</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Öffnen</translation>
        </message>
        <message>
            <source>No output yet</source>
            <translation>Noch keine Ausgabe</translation>
        </message>
        <message>
            <source>Open %1 in the system's viewer</source>
            <translation>%1 im Betrachter des Systems öffnen</translation>
        </message>
        <message>
            <source>No image output yet.</source>
            <translation>Noch kein Bild.</translation>
        </message>
        <message>
            <source>No video output yet.</source>
            <translation>Noch kein Video.</translation>
        </message>
        <message>
            <source>Loading the preview…</source>
            <translation>Vorschau wird geladen…</translation>
        </message>
        <message>
            <source>The output could not be read.</source>
            <translation>Die Ausgabe konnte nicht gelesen werden.</translation>
        </message>
        <message>
            <source>Image only: this shot has no video (stages "image").</source>
            <translation>Nur Bild: dieser Shot hat kein Video (stages „image“).</translation>
        </message>
        <message>
            <source>No image task: the video is made from %1.</source>
            <translation>Keine Bildaufgabe: das Video wird aus %1 erstellt.</translation>
        </message>
        <message>
            <source>Image only: no video.</source>
            <translation>Nur Bild: kein Video.</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ShotGridView</name>
        <message>
            <source>Status grid</source>
            <translation>Statusraster</translation>
        </message>
        <message>
            <source>One line of tiles per scene, one tile per shot. Select tiles with the mouse or the arrow keys (Shift and Ctrl extend the selection); the context menu holds the recovery actions.</source>
            <translation>Eine Zeile Kacheln pro Szene, eine Kachel pro Shot. Kacheln mit der Maus oder den Pfeiltasten auswählen (Umschalt und Strg erweitern die Auswahl); das Kontextmenü enthält die Wiederherstellungsaktionen.</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ShotListModel</name>
        <message>
            <source>%1 — %2</source>
            <comment>scene id — scene title</comment>
            <translation>%1 — %2</translation>
        </message>
        <message numerus="yes">
            <source>%n shot(s)</source>
            <translation>
                <numerusform>%n Shot</numerusform>
                <numerusform>%n Shots</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 done</source>
            <comment>shots of a scene</comment>
            <translation>%1 fertig</translation>
        </message>
        <message>
            <source>%1 in progress</source>
            <comment>shots of a scene</comment>
            <translation>%1 in Arbeit</translation>
        </message>
        <message>
            <source>%1 need attention</source>
            <comment>shots of a scene</comment>
            <translation>%1 brauchen Sie</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <comment>shot id — shot title</comment>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>Final film</source>
            <translation>Fertiger Film</translation>
        </message>
        <message>
            <source>All scenes cut together</source>
            <translation>Alle Szenen zusammengeschnitten</translation>
        </message>
        <message>
            <source>Image only: this shot has no video</source>
            <translation>Nur Bild: dieser Shot hat kein Video</translation>
        </message>
        <message>
            <source>Video from the image file %1</source>
            <translation>Video aus der Bilddatei %1</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ShotTileDelegate</name>
        <message>
            <source>generating the image…</source>
            <translation>Bild wird erzeugt…</translation>
        </message>
        <message>
            <source>image retry: %1</source>
            <translation>Bild wird wiederholt: %1</translation>
        </message>
        <message>
            <source>no image yet</source>
            <translation>noch kein Bild</translation>
        </message>
        <message>
            <source>degraded</source>
            <comment>badge on a tile</comment>
            <translation>reduziert</translation>
        </message>
        <message>
            <source>full · other provider</source>
            <comment>badge on a tile: done at full quality by an alternative provider</comment>
            <translation>voll · anderer Anbieter</translation>
        </message>
        <message numerus="yes">
            <source>%n attempt(s)</source>
            <translation>
                <numerusform>%n Versuch</numerusform>
                <numerusform>%n Versuche</numerusform>
            </translation>
        </message>
        <message>
            <source>from file</source>
            <comment>image chip of a shot whose video is made from a file</comment>
            <translation>aus Datei</translation>
        </message>
        <message>
            <source>image only</source>
            <comment>video chip of a shot without a video stage</comment>
            <translation>nur Bild</translation>
        </message>
        <message>
            <source>loading the input image…</source>
            <translation>Eingangsbild wird geladen…</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::SummaryBar</name>
        <message>
            <source>Overall progress</source>
            <translation>Gesamtfortschritt</translation>
        </message>
        <message>
            <source>Show all</source>
            <translation>Alle zeigen</translation>
        </message>
        <message>
            <source>Clear the state filter and show every shot</source>
            <translation>Den Statusfilter aufheben und alle Shots zeigen</translation>
        </message>
        <message>
            <source>%1 %</source>
            <comment>overall progress</comment>
            <translation>%1 %</translation>
        </message>
        <message numerus="yes">
            <source>%1 of %n task(s) finished</source>
            <translation>
                <numerusform>%1 von %n Aufgabe abgeschlossen</numerusform>
                <numerusform>%1 von %n Aufgaben abgeschlossen</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 %2</source>
            <comment>count and state in the summary bar</comment>
            <translation>%1 %2</translation>
        </message>
        <message>
            <source>(%1 on another provider)</source>
            <comment>done tasks made at full quality by an alternative provider</comment>
            <translation>(%1 bei einem anderen Anbieter)</translation>
        </message>
        <message>
            <source>Paused: disk full</source>
            <translation>Pausiert: Datenträger voll</translation>
        </message>
        <message>
            <source>Paused</source>
            <translation>Pausiert</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::SwitchProviderDialog</name>
        <message>
            <source>Switch provider</source>
            <translation>Anbieter wechseln</translation>
        </message>
        <message>
            <source>Re-run tasks on another provider. Their retry budget starts again; finished work of other tasks is not touched.</source>
            <translation>Aufgaben bei einem anderen Anbieter neu ausführen. Ihr Wiederholungsbudget beginnt von vorn; fertige Arbeit anderer Aufgaben bleibt unberührt.</translation>
        </message>
        <message>
            <source>The selected task: %1</source>
            <translation>Die ausgewählte Aufgabe: %1</translation>
        </message>
        <message numerus="yes">
            <source>The %n selected task(s)</source>
            <translation>
                <numerusform>Die %n ausgewählte Aufgabe</numerusform>
                <numerusform>Die %n ausgewählten Aufgaben</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>All %n failed task(s), and the tasks waiting for them</source>
            <translation>
                <numerusform>Die %n fehlgeschlagene Aufgabe und die Aufgaben, die darauf warten</numerusform>
                <numerusform>Alle %n fehlgeschlagenen Aufgaben und die Aufgaben, die darauf warten</numerusform>
            </translation>
        </message>
        <message>
            <source>Provider:</source>
            <translation>Anbieter:</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <comment>provider id (kind)</comment>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>%1 (%2, model %3)</source>
            <comment>provider id (kind, model)</comment>
            <translation>%1 (%2, Modell %3)</translation>
        </message>
        <message>
            <source>%1 (built-in offline renderer, always available)</source>
            <translation>%1 (eingebauter Offline-Renderer, immer verfügbar)</translation>
        </message>
        <message>
            <source>Re-run</source>
            <translation>Neu ausführen</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::TimelineView</name>
        <message>
            <source>Timeline of the run's attempts</source>
            <translation>Zeitleiste der Versuche des Laufs</translation>
        </message>
        <message>
            <source>No attempts yet: the timeline fills in as the run goes.</source>
            <translation>Noch keine Versuche: die Zeitleiste füllt sich, während der Lauf fortschreitet.</translation>
        </message>
        <message>
            <source>up to %1 at once</source>
            <translation>bis zu %1 gleichzeitig</translation>
        </message>
        <message>
            <source>%1, attempt %2 on %3: %4 (%5)</source>
            <translation>%1, Versuch %2 bei %3: %4 (%5)</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ValidationDialog</name>
        <message>
            <source>Storyboard not opened</source>
            <translation>Storyboard nicht geöffnet</translation>
        </message>
        <message numerus="yes">
            <source>&lt;b&gt;%1&lt;/b&gt; was not opened: %n problem(s) must be fixed first. Nothing was run.</source>
            <translation>
                <numerusform>&lt;b&gt;%1&lt;/b&gt; wurde nicht geöffnet: Zuerst muss %n Problem behoben werden. Es wurde nichts ausgeführt.</numerusform>
                <numerusform>&lt;b&gt;%1&lt;/b&gt; wurde nicht geöffnet: Zuerst müssen %n Probleme behoben werden. Es wurde nichts ausgeführt.</numerusform>
            </translation>
        </message>
        <message>
            <source>Where</source>
            <translation>Wo</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>Problem</translation>
        </message>
        <message>
            <source>Copy problems</source>
            <translation>Probleme kopieren</translation>
        </message>
        <message>
            <source>Copy the list of problems to the clipboard</source>
            <translation>Die Liste der Probleme in die Zwischenablage kopieren</translation>
        </message>
        <message>
            <source>Open in editor</source>
            <translation>Im Editor öffnen</translation>
        </message>
        <message>
            <source>Open the storyboard file in the system's editor</source>
            <translation>Die Storyboard-Datei im Editor des Systems öffnen</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::VideoFrameGrabber</name>
        <message>
            <source>no temporary folder for the video frame</source>
            <translation>kein temporärer Ordner für das Videobild</translation>
        </message>
        <message>
            <source>ffmpeg could not be started; install ffmpeg to see video frames</source>
            <translation>ffmpeg konnte nicht gestartet werden; installieren Sie ffmpeg, um Videobilder zu sehen</translation>
        </message>
        <message>
            <source>ffmpeg could not read the video (exit code %1)</source>
            <translation>ffmpeg konnte das Video nicht lesen (Exit-Code %1)</translation>
        </message>
        <message>
            <source>the extracted frame is unreadable</source>
            <translation>das extrahierte Bild ist unlesbar</translation>
        </message>
    </context>
    <context>
        <name>NotificationPolicy</name>
        <message>
            <source>%1: budget cap reached</source>
            <translation>%1: Budgetgrenze erreicht</translation>
        </message>
        <message numerus="yes">
            <source>%1 of %2 cost units spent; %n task(s) not started. Raise the budget in Retake to continue this run.</source>
            <translation>
                <numerusform>%1 von %2 Kosteneinheiten ausgegeben; %n Aufgabe nicht gestartet. Erhöhen Sie das Budget in Retake, um diesen Lauf fortzusetzen.</numerusform>
                <numerusform>%1 von %2 Kosteneinheiten ausgegeben; %n Aufgaben nicht gestartet. Erhöhen Sie das Budget in Retake, um diesen Lauf fortzusetzen.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1: batch finished</source>
            <translation>%1: Batch beendet</translation>
        </message>
        <message numerus="yes">
            <source>All %n task(s) are done.</source>
            <translation>
                <numerusform>Die %n Aufgabe ist fertig.</numerusform>
                <numerusform>Alle %n Aufgaben sind fertig.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n at reduced quality.</source>
            <translation>
                <numerusform>%n davon in reduzierter Qualität.</numerusform>
                <numerusform>%n davon in reduzierter Qualität.</numerusform>
            </translation>
        </message>
        <message>
            <source>Click to see the job report.</source>
            <translation>Klicken Sie, um den Auftragsbericht zu sehen.</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n task(s) failed</source>
            <translation>
                <numerusform>%1: %n Aufgabe fehlgeschlagen</numerusform>
                <numerusform>%1: %n Aufgaben fehlgeschlagen</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <comment>item (stage)</comment>
            <translation>%1 (%2)</translation>
        </message>
        <message numerus="yes">
            <source>%1 and %n more failed: %2.</source>
            <translation>
                <numerusform>%1 und %n weitere sind fehlgeschlagen: %2.</numerusform>
                <numerusform>%1 und %n weitere sind fehlgeschlagen: %2.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 failed: %2.</source>
            <translation>%1 ist fehlgeschlagen: %2.</translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) wait for it.</source>
            <translation>
                <numerusform>%n Aufgabe wartet darauf.</numerusform>
                <numerusform>%n Aufgaben warten darauf.</numerusform>
            </translation>
        </message>
        <message>
            <source>Click to select it; retry it or run it on another provider.</source>
            <translation>Klicken Sie, um sie auszuwählen; versuchen Sie sie erneut oder führen Sie sie bei einem anderen Anbieter aus.</translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) wait for tasks that did not finish. Open Retake to see them.</source>
            <translation>
                <numerusform>%n Aufgabe wartet auf Aufgaben, die nicht fertig wurden. Öffnen Sie Retake, um sie zu sehen.</numerusform>
                <numerusform>%n Aufgaben warten auf Aufgaben, die nicht fertig wurden. Öffnen Sie Retake, um sie zu sehen.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1: disk full, batch paused</source>
            <translation>%1: Datenträger voll, Batch pausiert</translation>
        </message>
        <message>
            <source>Retake stopped writing to the workspace and resumes by itself when space returns. Free some space on its disk.</source>
            <translation>Retake schreibt nicht mehr in den Arbeitsbereich und setzt von selbst fort, sobald wieder Platz frei ist. Geben Sie auf seinem Datenträger Speicherplatz frei.</translation>
        </message>
    </context>
    <context>
        <name>DBusNotificationTransport</name>
        <message>
            <source>Show in Retake</source>
            <translation>In Retake zeigen</translation>
        </message>
    </context>
    <context>
        <name>DesktopNotifier</name>
        <message>
            <source>Retake</source>
            <translation>Retake</translation>
        </message>
    </context>
</TS>
