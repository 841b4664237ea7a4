<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en_US">
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
            <translation>en attente</translation>
        </message>
        <message>
            <source>queued</source>
            <comment>task state</comment>
            <translation>en file</translation>
        </message>
        <message>
            <source>running</source>
            <comment>task state</comment>
            <translation>en cours</translation>
        </message>
        <message>
            <source>retrying</source>
            <comment>task state</comment>
            <translation>nouvel essai</translation>
        </message>
        <message>
            <source>done</source>
            <comment>task state</comment>
            <translation>terminé</translation>
        </message>
        <message>
            <source>failed</source>
            <comment>task state</comment>
            <translation>échoué</translation>
        </message>
        <message>
            <source>blocked</source>
            <comment>task state</comment>
            <translation>bloqué</translation>
        </message>
        <message>
            <source>interrupted</source>
            <comment>task state</comment>
            <translation>interrompu</translation>
        </message>
        <message>
            <source>cancelled</source>
            <comment>task state</comment>
            <translation>annulé</translation>
        </message>
        <message>
            <source>skipped</source>
            <comment>task state</comment>
            <translation>ignoré</translation>
        </message>
        <message>
            <source>done</source>
            <comment>summary bar filter</comment>
            <translation>terminés</translation>
        </message>
        <message>
            <source>degraded</source>
            <comment>summary bar filter</comment>
            <translation>dégradés</translation>
        </message>
        <message>
            <source>running</source>
            <comment>summary bar filter</comment>
            <translation>en cours</translation>
        </message>
        <message>
            <source>retrying</source>
            <comment>summary bar filter</comment>
            <translation>nouvel essai</translation>
        </message>
        <message>
            <source>queued</source>
            <comment>summary bar filter</comment>
            <translation>en file</translation>
        </message>
        <message>
            <source>failed</source>
            <comment>summary bar filter</comment>
            <translation>échoués</translation>
        </message>
        <message>
            <source>blocked</source>
            <comment>summary bar filter</comment>
            <translation>bloqués</translation>
        </message>
        <message>
            <source>Tasks with a verified output, at any quality. Click to show only their shots.</source>
            <translation>Tâches dont la sortie est vérifiée, quelle qu’en soit la qualité. Cliquez pour n’afficher que leurs plans.</translation>
        </message>
        <message>
            <source>Done tasks below full quality (simplified prompt, lower resolution or built-in fallback). Click to show only their shots.</source>
            <translation>Tâches terminées en dessous de la qualité maximale (prompt simplifié, résolution réduite ou rendu de secours intégré). Cliquez pour n’afficher que leurs plans.</translation>
        </message>
        <message>
            <source>Tasks with an attempt in flight. Click to show only their shots.</source>
            <translation>Tâches avec une tentative en cours. Cliquez pour n’afficher que leurs plans.</translation>
        </message>
        <message>
            <source>Tasks waiting for their backoff before the next automatic retry. Click to show only their shots.</source>
            <translation>Tâches qui patientent avant le prochain nouvel essai automatique. Cliquez pour n’afficher que leurs plans.</translation>
        </message>
        <message>
            <source>Tasks waiting for a provider slot or for their image. Click to show only their shots.</source>
            <translation>Tâches qui attendent une place chez le fournisseur ou leur image. Cliquez pour n’afficher que leurs plans.</translation>
        </message>
        <message>
            <source>Tasks whose automatic recovery is exhausted: they need you. Click to show only their shots.</source>
            <translation>Tâches dont la reprise automatique est épuisée : elles ont besoin de vous. Cliquez pour n’afficher que leurs plans.</translation>
        </message>
        <message>
            <source>Tasks waiting for a failed task they depend on. Click to show only their shots.</source>
            <translation>Tâches qui attendent une tâche échouée dont elles dépendent. Cliquez pour n’afficher que leurs plans.</translation>
        </message>
        <message>
            <source>Image</source>
            <comment>generation stage</comment>
            <translation>Image</translation>
        </message>
        <message>
            <source>Video</source>
            <comment>generation stage</comment>
            <translation>Vidéo</translation>
        </message>
        <message>
            <source>IMG</source>
            <comment>short label of the image stage on a tile</comment>
            <translation>IMG</translation>
        </message>
        <message>
            <source>VID</source>
            <comment>short label of the video stage on a tile</comment>
            <translation>VID</translation>
        </message>
        <message>
            <source>no error</source>
            <comment>error class</comment>
            <translation>aucune erreur</translation>
        </message>
        <message>
            <source>network error</source>
            <comment>error class</comment>
            <translation>erreur réseau</translation>
        </message>
        <message>
            <source>timeout</source>
            <comment>error class</comment>
            <translation>délai dépassé</translation>
        </message>
        <message>
            <source>rate limited</source>
            <comment>error class</comment>
            <translation>débit limité</translation>
        </message>
        <message>
            <source>provider unavailable</source>
            <comment>error class</comment>
            <translation>fournisseur indisponible</translation>
        </message>
        <message>
            <source>provider error</source>
            <comment>error class</comment>
            <translation>erreur du fournisseur</translation>
        </message>
        <message>
            <source>out of memory</source>
            <comment>error class: the provider's GPU ran out of memory</comment>
            <translation>mémoire insuffisante</translation>
        </message>
        <message>
            <source>content policy</source>
            <comment>error class</comment>
            <translation>politique de contenu</translation>
        </message>
        <message>
            <source>invalid request</source>
            <comment>error class</comment>
            <translation>requête invalide</translation>
        </message>
        <message>
            <source>authentication</source>
            <comment>error class</comment>
            <translation>authentification</translation>
        </message>
        <message>
            <source>quota exhausted</source>
            <comment>error class</comment>
            <translation>quota épuisé</translation>
        </message>
        <message>
            <source>invalid output</source>
            <comment>error class</comment>
            <translation>sortie invalide</translation>
        </message>
        <message>
            <source>unsafe output</source>
            <comment>error class</comment>
            <translation>sortie dangereuse</translation>
        </message>
        <message>
            <source>file error</source>
            <comment>error class</comment>
            <translation>erreur de fichier</translation>
        </message>
        <message>
            <source>disk full</source>
            <comment>error class</comment>
            <translation>disque plein</translation>
        </message>
        <message>
            <source>cancelled</source>
            <comment>error class</comment>
            <translation>annulé</translation>
        </message>
        <message>
            <source>Check the network connection, then retry.</source>
            <translation>Vérifiez la connexion réseau, puis réessayez.</translation>
        </message>
        <message>
            <source>The provider is slow; retry, or switch to another provider.</source>
            <translation>Le fournisseur est lent ; réessayez ou passez à un autre fournisseur.</translation>
        </message>
        <message>
            <source>The provider limits the request rate; wait, lower the concurrency or switch provider.</source>
            <translation>Le fournisseur limite le débit des requêtes ; patientez, réduisez le parallélisme ou changez de fournisseur.</translation>
        </message>
        <message>
            <source>The provider is down; retry later or switch provider.</source>
            <translation>Le fournisseur est hors service ; réessayez plus tard ou changez de fournisseur.</translation>
        </message>
        <message>
            <source>The model failed on this job; retry, or switch provider.</source>
            <translation>Le modèle a échoué sur cette tâche ; réessayez ou changez de fournisseur.</translation>
        </message>
        <message>
            <source>The provider's GPU ran out of memory; Retake tries a lower resolution. Lower the shot's size or steps, or switch to a provider with more memory.</source>
            <translation>Le GPU du fournisseur a manqué de mémoire ; Retake essaie une résolution plus basse. Réduisez la taille ou le nombre d’étapes du plan, ou passez à un fournisseur doté de plus de mémoire.</translation>
        </message>
        <message>
            <source>The prompt was rejected; edit the prompt or switch provider.</source>
            <translation>Le prompt a été refusé ; modifiez-le ou changez de fournisseur.</translation>
        </message>
        <message>
            <source>The request was refused as invalid; fix the shot's parameters or switch provider.</source>
            <translation>La requête a été refusée comme invalide ; corrigez les paramètres du plan ou changez de fournisseur.</translation>
        </message>
        <message>
            <source>The provider refused the API key; check the key, or switch provider.</source>
            <translation>Le fournisseur a refusé la clé d’API ; vérifiez la clé ou changez de fournisseur.</translation>
        </message>
        <message>
            <source>The provider's quota is used up; switch provider or raise the quota.</source>
            <translation>Le quota du fournisseur est épuisé ; changez de fournisseur ou augmentez le quota.</translation>
        </message>
        <message>
            <source>The output did not pass verification; retry.</source>
            <translation>La sortie n’a pas passé la vérification ; réessayez.</translation>
        </message>
        <message>
            <source>The provider tried to write outside the workspace; switch provider.</source>
            <translation>Le fournisseur a tenté d’écrire hors de l’espace de travail ; changez de fournisseur.</translation>
        </message>
        <message>
            <source>Check that the workspace folder is writable, then retry.</source>
            <translation>Vérifiez que le dossier de travail est accessible en écriture, puis réessayez.</translation>
        </message>
        <message>
            <source>Free some disk space; Retake resumes by itself.</source>
            <translation>Libérez de l’espace disque ; Retake reprend de lui-même.</translation>
        </message>
        <message>
            <source>Cancelled by you; retry to run it again.</source>
            <translation>Annulée par vous ; réessayez pour la relancer.</translation>
        </message>
        <message>
            <source>primary</source>
            <comment>degradation rung</comment>
            <translation>principal</translation>
        </message>
        <message>
            <source>alternative provider</source>
            <comment>degradation rung</comment>
            <translation>fournisseur alternatif</translation>
        </message>
        <message>
            <source>simplified prompt</source>
            <comment>degradation rung</comment>
            <translation>prompt simplifié</translation>
        </message>
        <message>
            <source>lower resolution</source>
            <comment>degradation rung</comment>
            <translation>résolution réduite</translation>
        </message>
        <message>
            <source>built-in fallback</source>
            <comment>degradation rung</comment>
            <translation>rendu de secours intégré</translation>
        </message>
        <message>
            <source>none</source>
            <comment>output quality</comment>
            <translation>aucune</translation>
        </message>
        <message>
            <source>full quality</source>
            <comment>output quality</comment>
            <translation>qualité maximale</translation>
        </message>
        <message>
            <source>reduced quality</source>
            <comment>output quality</comment>
            <translation>qualité réduite</translation>
        </message>
        <message>
            <source>fallback quality</source>
            <comment>output quality</comment>
            <translation>qualité de secours</translation>
        </message>
        <message>
            <source>full · other provider</source>
            <comment>output quality: full parameters, but made by an alternative provider</comment>
            <translation>qualité complète · autre fournisseur</translation>
        </message>
        <message>
            <source>%1 %</source>
            <comment>progress of a running task</comment>
            <translation>%1 %</translation>
        </message>
        <message>
            <source>retry %1 s</source>
            <comment>countdown to the next automatic retry</comment>
            <translation>essai dans %1 s</translation>
        </message>
        <message>
            <source>degraded</source>
            <comment>a done task below full quality</comment>
            <translation>dégradé</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <comment>stage: state</comment>
            <translation>%1 : %2</translation>
        </message>
        <message>
            <source> (%1)</source>
            <comment>quality in a task description</comment>
            <translation> (%1)</translation>
        </message>
        <message numerus="yes">
            <source>, %n attempt(s)</source>
            <translation>
                <numerusform>, %n tentative</numerusform>
                <numerusform>, %n tentatives</numerusform>
            </translation>
        </message>
        <message>
            <source>, %1 % done</source>
            <translation>, %1 % effectués</translation>
        </message>
        <message numerus="yes">
            <source>, next try in %n second(s)</source>
            <translation>
                <numerusform>, prochain essai dans %n seconde</numerusform>
                <numerusform>, prochain essai dans %n secondes</numerusform>
            </translation>
        </message>
        <message>
            <source>, last error: %1</source>
            <translation>, dernière erreur : %1</translation>
        </message>
        <message>
            <source>Voice-over</source>
            <comment>generation stage</comment>
            <translation>Voix off</translation>
        </message>
        <message>
            <source>Cut</source>
            <comment>generation stage: assembling shots into a scene or film</comment>
            <translation>Montage</translation>
        </message>
        <message>
            <source>VOICE</source>
            <comment>short label of a scene's voice-over on its header</comment>
            <translation>VOIX</translation>
        </message>
        <message>
            <source>CUT</source>
            <comment>short label of a scene's (or the film's) assembly on its header</comment>
            <translation>MONT</translation>
        </message>
        <message>
            <source>alternative settings</source>
            <comment>degradation rung (audio: another voice)</comment>
            <translation>réglages alternatifs</translation>
        </message>
        <message>
            <source>waiting</source>
            <comment>short task state on a tile chip</comment>
            <translation>attente</translation>
        </message>
        <message>
            <source>queued</source>
            <comment>short task state on a tile chip</comment>
            <translation>en file</translation>
        </message>
        <message>
            <source>running</source>
            <comment>short task state on a tile chip</comment>
            <translation>en cours</translation>
        </message>
        <message>
            <source>retrying</source>
            <comment>short task state on a tile chip</comment>
            <translation>relance</translation>
        </message>
        <message>
            <source>done</source>
            <comment>short task state on a tile chip</comment>
            <translation>terminé</translation>
        </message>
        <message>
            <source>failed</source>
            <comment>short task state on a tile chip</comment>
            <translation>échec</translation>
        </message>
        <message>
            <source>blocked</source>
            <comment>short task state on a tile chip</comment>
            <translation>bloqué</translation>
        </message>
        <message>
            <source>interrupted</source>
            <comment>short task state on a tile chip</comment>
            <translation>interr.</translation>
        </message>
        <message>
            <source>cancelled</source>
            <comment>short task state on a tile chip</comment>
            <translation>annulé</translation>
        </message>
        <message>
            <source>skipped</source>
            <comment>short task state on a tile chip</comment>
            <translation>ignoré</translation>
        </message>
    </context>
    <context>
        <name>StoryboardPatcher</name>
        <message>
            <source>the storyboard is not valid JSON</source>
            <translation>le storyboard n’est pas un JSON valide</translation>
        </message>
        <message>
            <source>shot %1 is not in the storyboard</source>
            <translation>le plan %1 n’est pas dans le storyboard</translation>
        </message>
        <message>
            <source>shot %1 has no "prompt" to change</source>
            <translation>le plan %1 n’a pas de « prompt » à modifier</translation>
        </message>
        <message>
            <source>cannot read %1: %2</source>
            <translation>impossible de lire %1 : %2</translation>
        </message>
        <message>
            <source>the new prompt makes the storyboard invalid: %1</source>
            <translation>le nouveau prompt rend le storyboard invalide : %1</translation>
        </message>
        <message>
            <source>cannot write %1: %2</source>
            <translation>impossible d’écrire %1 : %2</translation>
        </message>
    </context>
    <context>
        <name>main</name>
        <message>
            <source>Batch monitor for AI media generation.</source>
            <translation>Moniteur de lots pour la génération de médias par IA.</translation>
        </message>
        <message>
            <source>A storyboard (.retake.json) or CSV shot list.</source>
            <translation>Un storyboard (.retake.json) ou une liste de plans CSV.</translation>
        </message>
        <message>
            <source>Start the batch as soon as FILE is open.</source>
            <translation>Lancer le lot dès que FILE est ouvert.</translation>
        </message>
        <message>
            <source>Displays version information.</source>
            <translation>Affiche les informations de version.</translation>
        </message>
    </context>
    <context>
        <name>retake</name>
        <message>
            <source>Check the network connection, then retry.</source>
            <translation>Vérifiez la connexion réseau, puis réessayez.</translation>
        </message>
        <message>
            <source>The provider is slow: retry later or switch provider.</source>
            <translation>Le fournisseur est lent : réessayez plus tard ou changez de fournisseur.</translation>
        </message>
        <message>
            <source>The provider is rate limiting: pause, lower concurrency or switch provider.</source>
            <translation>Le fournisseur limite le débit des requêtes : mettez en pause, réduisez le parallélisme ou changez de fournisseur.</translation>
        </message>
        <message>
            <source>The provider is down: retry later or switch provider.</source>
            <translation>Le fournisseur est hors service : réessayez plus tard ou changez de fournisseur.</translation>
        </message>
        <message>
            <source>The model failed on this job: retry, or switch provider.</source>
            <translation>Le modèle a échoué sur cette tâche : réessayez ou changez de fournisseur.</translation>
        </message>
        <message>
            <source>The GPU ran out of memory: lower the resolution or steps, or switch provider.</source>
            <translation>Le GPU a manqué de mémoire : réduisez la résolution ou le nombre d’étapes, ou changez de fournisseur.</translation>
        </message>
        <message>
            <source>The prompt was rejected: edit the prompt or switch provider.</source>
            <translation>Le prompt a été refusé : modifiez-le ou changez de fournisseur.</translation>
        </message>
        <message>
            <source>The request was invalid: fix the shot's parameters, then retry.</source>
            <translation>La requête était invalide : corrigez les paramètres du plan, puis réessayez.</translation>
        </message>
        <message>
            <source>Check the provider's API key, or switch provider.</source>
            <translation>Vérifiez la clé d’API du fournisseur, ou changez de fournisseur.</translation>
        </message>
        <message>
            <source>The account's quota is used up: top it up or switch provider.</source>
            <translation>Le quota du compte est épuisé : rechargez-le ou changez de fournisseur.</translation>
        </message>
        <message>
            <source>The provider returned an unusable file: retry or switch provider.</source>
            <translation>Le fournisseur a renvoyé un fichier inutilisable : réessayez ou changez de fournisseur.</translation>
        </message>
        <message>
            <source>The provider tried to write outside the workspace: check the provider, then retry.</source>
            <translation>Le fournisseur a tenté d’écrire hors de l’espace de travail : vérifiez le fournisseur, puis réessayez.</translation>
        </message>
        <message>
            <source>Check that the workspace folder is writable, then retry.</source>
            <translation>Vérifiez que le dossier de travail est accessible en écriture, puis réessayez.</translation>
        </message>
        <message>
            <source>Free disk space; the batch resumes by itself.</source>
            <translation>Libérez de l’espace disque ; le lot reprend de lui-même.</translation>
        </message>
        <message>
            <source>Retry when you want this task to run.</source>
            <translation>Réessayez quand vous voulez que cette tâche s’exécute.</translation>
        </message>
    </context>
    <context>
        <name>retake::Engine</name>
        <message>
            <source>%1 cannot be reached; its tasks go to the pool's other endpoints, and it is tried again in %2 s.</source>
            <extracomment>%1 is a pool's endpoint (provider@host:port), %2 seconds.</extracomment>
            <translation>%1 est injoignable ; ses tâches vont aux autres points d'accès du pool, et il sera réessayé dans %2 s.</translation>
        </message>
        <message>
            <source> — %1 cannot be reached; the task goes to another endpoint of %2 (no retry spent)</source>
            <extracomment>%1 is an endpoint (host:port), %2 the pool's provider id.</extracomment>
            <translation> — %1 est injoignable ; la tâche va à un autre point d'accès de %2 (aucune nouvelle tentative consommée)</translation>
        </message>
        <message>
            <source>%1: remote job %2 was on %3, which is not available now; it is submitted again on %4.</source>
            <extracomment>%1 task, %2 remote job id, %3 and %4 endpoints (host:port) of a pool.</extracomment>
            <translation>%1 : la tâche distante %2 était sur %3, indisponible pour l'instant ; elle est soumise à nouveau sur %4.</translation>
        </message>
        <message>
            <source>cannot create %1; check that the workspace is writable</source>
            <extracomment>%1 is the attempt's staging folder.</extracomment>
            <translation>impossible de créer %1 ; vérifiez que le dossier de travail est accessible en écriture</translation>
        </message>
        <message>
            <source>the provider named an output outside the attempt folder (%1); it was moved to _untrusted/</source>
            <extracomment>%1 is the file name the provider named.</extracomment>
            <translation>le fournisseur a indiqué une sortie hors du dossier de la tentative (%1) ; elle a été déplacée dans _untrusted/</translation>
        </message>
        <message>
            <source>the provider reported success without a file</source>
            <translation>le fournisseur a signalé un succès sans fournir de fichier</translation>
        </message>
        <message>
            <source>cancelled by the user</source>
            <translation>annulé par l’utilisateur</translation>
        </message>
        <message>
            <source>the output was cut short on a full drive (%1)</source>
            <extracomment>%1 is what the output check found wrong with the file.</extracomment>
            <translation>la sortie a été tronquée sur un disque plein (%1)</translation>
        </message>
        <message>
            <source>: has no duration</source>
            <translation> : n’a pas de durée</translation>
        </message>
        <message>
            <source>%1: unknown fit "%2" in the profile of %3 (pad, crop or stretch); it is padded</source>
            <extracomment>%1 is the task, %2 the fit mode as written, %3 the provider. pad, crop and stretch are the values the profile may use.</extracomment>
            <translation>%1 : ajustement « %2 » inconnu dans le profil de %3 (pad, crop ou stretch) ; « pad » est appliqué</translation>
        </message>
        <message>
            <source>%1: kept the provider's %2x%3 output as delivered; conforming it to %4x%5 failed (%6). Check that ffmpeg works (RETAKE_FFMPEG names it), then conform the draft file by hand or retry the shot</source>
            <extracomment>%1 is the task; %2x%3 the delivered size, %4x%5 the shot's size (pixels); %6 why conforming failed. RETAKE_FFMPEG is an environment variable.</extracomment>
            <translation>%1 : la sortie %2x%3 du fournisseur a été gardée telle quelle ; sa mise au format %4x%5 a échoué (%6). Vérifiez que ffmpeg fonctionne (RETAKE_FFMPEG l’indique), puis mettez le fichier de draft/ au format à la main ou relancez le plan</translation>
        </message>
        <message>
            <source>cannot move the verified output to %1</source>
            <extracomment>%1 is the output's path in the workspace.</extracomment>
            <translation>impossible de déplacer la sortie vérifiée vers %1</translation>
        </message>
        <message>
            <source>the provider's original could not be kept as %1</source>
            <extracomment>%1 is a path in the workspace.</extracomment>
            <translation>l’original du fournisseur n’a pas pu être conservé sous %1</translation>
        </message>
        <message>
            <source>Budget cap reached: %1 of %2 cost units spent, %3 in flight, the next task would cost %4. Dispatching stopped; nothing in flight is lost. Raise the cap to continue.</source>
            <extracomment>%1 spent, %2 the cap, %3 in flight, %4 the next task's cost (all in cost units).</extracomment>
            <translation>Plafond de budget atteint : %1 unités de coût dépensées sur %2, %3 en cours, la tâche suivante coûterait %4. Plus aucune tâche n’est lancée ; rien de ce qui est en cours n’est perdu. Relevez le plafond pour continuer.</translation>
        </message>
        <message>
            <source>Budget cap raised to %1 cost units (%2 spent): dispatching continues.</source>
            <extracomment>%1 is the new cap, %2 what was spent (cost units).</extracomment>
            <translation>Plafond de budget relevé à %1 unités de coût (%2 dépensées) : les tâches sont de nouveau lancées.</translation>
        </message>
        <message>
            <source>Budget cap removed (%1 spent): dispatching continues.</source>
            <extracomment>%1 is what was spent (cost units).</extracomment>
            <translation>Plafond de budget supprimé (%1 dépensées) : les tâches sont de nouveau lancées.</translation>
        </message>
        <message>
            <source>Checkpoint %1 (%2).</source>
            <extracomment>%1 is the checkpoint's id, %2 why it was made (in English, e.g. "manual").</extracomment>
            <translation>Point de reprise %1 (%2).</translation>
        </message>
        <message>
            <source>Could not create a checkpoint (%1): %2</source>
            <extracomment>%1 is why it was to be made (in English), %2 the error.</extracomment>
            <translation>Impossible de créer un point de reprise (%1) : %2</translation>
        </message>
        <message>
            <source>Checkpoint %1 was removed from the list: its file %2 is missing (it was interrupted while being written, or deleted).</source>
            <translation>Le point de reprise %1 a été retiré de la liste : son fichier %2 est manquant (son écriture a été interrompue, ou il a été supprimé).</translation>
        </message>
        <message>
            <source>checkpoint %1 cannot be restored: its file %2 is gone (it was interrupted while being written, or deleted), so it was removed from the list; pick another one from retake-cli checkpoint list</source>
            <translation>le point de reprise %1 ne peut pas être restauré : son fichier %2 a disparu (son écriture a été interrompue, ou il a été supprimé), il a donc été retiré de la liste ; choisissez-en un autre dans retake-cli checkpoint list</translation>
        </message>
        <message>
            <source>there is no checkpoint "%1" (retake-cli checkpoint list shows them)</source>
            <translation>il n’y a pas de point de reprise « %1 » (retake-cli checkpoint list les affiche)</translation>
        </message>
        <message>
            <source>checkpoint %1 names a file outside the workspace's checkpoints/ folder; it was not read. Restore another checkpoint (retake-cli checkpoint list shows them)</source>
            <translation>le point de reprise %1 désigne un fichier hors du dossier checkpoints/ de l’espace de travail ; il n’a pas été lu. Restaurez un autre point de reprise (retake-cli checkpoint list les affiche)</translation>
        </message>
        <message>
            <source>checkpoint %1 cannot be read: %2</source>
            <translation>le point de reprise %1 ne peut pas être lu : %2</translation>
        </message>
        <message>
            <source>could not save the current state before restoring: %1</source>
            <translation>impossible d’enregistrer l’état actuel avant la restauration : %1</translation>
        </message>
        <message>
            <source>draft/ is a link to %1, outside the workspace; nothing was deleted. Replace the link with a folder of the workspace, then discard again.</source>
            <translation>draft/ est un lien vers %1, hors de l’espace de travail ; rien n’a été supprimé. Remplacez le lien par un dossier de l’espace de travail, puis relancez l’abandon.</translation>
        </message>
        <message>
            <source>its file is outside the workspace's checkpoints/ folder</source>
            <translation>son fichier est hors du dossier checkpoints/ de l’espace de travail</translation>
        </message>
        <message>
            <source>checkpoint %1 cannot be read (%2); nothing was deleted</source>
            <translation>le point de reprise %1 ne peut pas être lu (%2) ; rien n’a été supprimé</translation>
        </message>
        <message>
            <source>%1 MB free in %2, below the %3 MB reserve</source>
            <extracomment>%1 MB free, %2 the folder, %3 the reserve in MB. Shown after "Disk full: ".</extracomment>
            <translation>%1 Mo libres dans %2, sous la réserve de %3 Mo</translation>
        </message>
        <message>
            <source>Disk space is back: resuming.</source>
            <translation>L’espace disque est revenu : le lot reprend.</translation>
        </message>
        <message>
            <source>Disk full: %1. Dispatching is paused and resumes by itself when space returns; finished outputs are kept.</source>
            <extracomment>%1 says which folder is short of space, or which task could not write its output.</extracomment>
            <translation>Disque plein : %1. Aucune tâche n’est lancée jusqu’au retour de l’espace, puis le lot reprend de lui-même ; les sorties terminées sont conservées.</translation>
        </message>
        <message>
            <source>Run %1 is paused and continues the next time this storyboard is opened.</source>
            <translation>L’exécution %1 est en pause et se poursuivra à la prochaine ouverture de ce storyboard.</translation>
        </message>
        <message>
            <source>%1 task(s) are running; pause and wait for them (or cancel) before restoring a checkpoint</source>
            <translation>%1 tâche(s) en cours ; mettez en pause et attendez-les (ou annulez) avant de restaurer un point de reprise</translation>
        </message>
        <message>
            <source>Restored checkpoint %1; the state before it is checkpoint %2.</source>
            <translation>Point de reprise %1 restauré ; l’état d’avant est le point de reprise %2.</translation>
        </message>
        <message>
            <source>tasks are running; wait for the batch to finish first</source>
            <translation>des tâches sont en cours ; attendez d’abord la fin du lot</translation>
        </message>
        <message>
            <source>Cancelling: in-flight attempts are being stopped.</source>
            <translation>Annulation : les tentatives en cours sont arrêtées.</translation>
        </message>
        <message>
            <source>%1: switched to provider %2.</source>
            <translation>%1 : passage au fournisseur %2.</translation>
        </message>
        <message>
            <source>Could not save the batch state (will try again): %1</source>
            <translation>Impossible d’enregistrer l’état du lot (Retake réessaiera) : %1</translation>
        </message>
        <message>
            <source>Resuming run %1, which stopped before it finished.</source>
            <translation>Reprise de l’exécution %1, qui s’est arrêtée avant la fin.</translation>
        </message>
        <message>
            <source>Run %1 was paused when Retake quit; Run continues it.</source>
            <translation>L’exécution %1 a été mise en pause quand Retake a quitté ; Lancer la poursuit.</translation>
        </message>
        <message>
            <source>provider "%1" is not configured</source>
            <translation>le fournisseur « %1 » n’est pas configuré</translation>
        </message>
        <message>
            <source>provider "%1" cannot make %2s</source>
            <extracomment>%2 is the stage in English (image, video, voice...); "s" makes it plural.</extracomment>
            <translation>le fournisseur « %1 » ne sait pas produire l’étape %2</translation>
        </message>
        <message>
            <source>; choose another provider for this task</source>
            <translation> ; choisissez un autre fournisseur pour cette tâche</translation>
        </message>
        <message>
            <source>re-attached to remote job %1 after a restart</source>
            <extracomment>%1 is the provider's job id.</extracomment>
            <translation>reconnecté au job distant %1 après un redémarrage</translation>
        </message>
        <message>
            <source>%1: re-attached to remote job %2 on %3 (submitted before the restart); it is not submitted again.</source>
            <extracomment>%1 is the task, %2 the provider's job id, %3 the provider.</extracomment>
            <translation>%1 : reconnecté au job distant %2 chez %3 (soumis avant le redémarrage) ; il n’est pas soumis à nouveau.</translation>
        </message>
        <message>
            <source>%1: remote job %2 is no longer known to %3; submitted again as %4.</source>
            <extracomment>%1 is the task, %2 the old job id, %3 the provider, %4 the new job id.</extracomment>
            <translation>%1 : le job distant %2 n’est plus connu de %3 ; soumis à nouveau sous %4.</translation>
        </message>
        <message>
            <source>%1: %2 named its job with an id Retake does not store (%3); if Retake stops before it ends, the job will be submitted again.</source>
            <extracomment>%1 is the task, %2 the provider, %3 the job id it sent.</extracomment>
            <translation>%1 : %2 a nommé son job avec un identifiant que Retake ne conserve pas (%3) ; si Retake s’arrête avant sa fin, le job sera soumis à nouveau.</translation>
        </message>
        <message>
            <source>%1 keeps its output until there is room for it (%2)</source>
            <extracomment>%1 is the task, %2 what could not be written.</extracomment>
            <translation>%1 garde sa sortie jusqu’à ce qu’il y ait de la place (%2)</translation>
        </message>
        <message>
            <source>%1: done at full quality on another provider (%2).</source>
            <translation>%1 : terminée en qualité maximale chez un autre fournisseur (%2).</translation>
        </message>
        <message>
            <source>%1: done at %2 quality (%3 on %4).</source>
            <extracomment>%1 is the task, %2 the quality reached (in English, e.g. reduced), %3 the fallback rung (in English), %4 the provider.</extracomment>
            <translation>%1 : terminée en qualité « %2 » (%3 chez %4).</translation>
        </message>
        <message>
            <source>%1 could not write its output (%2)</source>
            <extracomment>%1 is the task, %2 the error.</extracomment>
            <translation>%1 n’a pas pu écrire sa sortie (%2)</translation>
        </message>
        <message>
            <source> — waiting %1 s on %2 (%3 s of %4 s waited on this rung; no retry spent)</source>
            <extracomment>Appended to a rate-limit message. %1 is the wait in seconds, %2 the provider, %3 the seconds waited so far on this rung of the fallback ladder, %4 the most it waits.</extracomment>
            <translation> — attente de %1 s chez %2 (%3 s sur %4 s attendues sur ce palier ; aucun nouvel essai consommé)</translation>
        </message>
        <message>
            <source>%1: the full-quality retry failed (%2); keeping the degraded output.</source>
            <extracomment>%1 is the task, %2 the error class (in English).</extracomment>
            <translation>%1 : le nouvel essai en qualité maximale a échoué (%2) ; la sortie dégradée est conservée.</translation>
        </message>
        <message>
            <source>%1: failed after %2 attempt(s): %3 — %4</source>
            <extracomment>%1 is the task, %2 the number of attempts, %3 the error class (in English, e.g. timeout), %4 the last attempt's message.</extracomment>
            <translation>%1 : échec après %2 tentative(s) : %3 — %4</translation>
        </message>
        <message>
            <source>%1: could not archive the failed attempt's files: %2</source>
            <extracomment>%1 is the task, %2 the error.</extracomment>
            <translation>%1 : impossible d’archiver les fichiers de la tentative échouée : %2</translation>
        </message>
        <message>
            <source>%1: could not write error.json: %2</source>
            <extracomment>%1 is the task, %2 the error. error.json is a file name.</extracomment>
            <translation>%1 : impossible d’écrire error.json : %2</translation>
        </message>
        <message>
            <source>%1: %2 failures in a row; avoiding it for %3 s.</source>
            <extracomment>%1 is the provider, %2 the number of failures, %3 seconds.</extracomment>
            <translation>%1 : %2 échecs d’affilée ; évité pendant %3 s.</translation>
        </message>
        <message>
            <source>%1: %2 is cooling down after repeated failures; moving to %3 (%4).</source>
            <extracomment>%1 is the task, %2 the provider it leaves, %3 the one it moves to, %4 the fallback rung (in English).</extracomment>
            <translation>%1 : %2 est mis en pause après des échecs répétés ; passage à %3 (%4).</translation>
        </message>
        <message>
            <source>the shot was edited since the last run; it will run again</source>
            <translation>le plan a été modifié depuis la dernière exécution ; il sera relancé</translation>
        </message>
        <message>
            <source>its output path in the state (%1) leads outside the workspace's draft/ folder; it was not used and the task will run again</source>
            <extracomment>%1 is the path stored in the batch state.</extracomment>
            <translation>son chemin de sortie dans l’état enregistré (%1) mène hors du dossier draft/ de l’espace de travail ; il n’a pas été utilisé et la tâche sera relancée</translation>
        </message>
        <message>
            <source>cannot read %1 (%2)</source>
            <extracomment>%1 is a file name, %2 why it cannot be read.</extracomment>
            <translation>impossible de lire %1 (%2)</translation>
        </message>
        <message>
            <source>cannot write %1</source>
            <translation>impossible d’écrire %1</translation>
        </message>
        <message>
            <source>ffmpeg did not start</source>
            <translation>ffmpeg n’a pas démarré</translation>
        </message>
        <message>
            <source>ffmpeg did not finish within %1 min</source>
            <translation>ffmpeg n’a pas terminé en %1 min</translation>
        </message>
        <message>
            <source>ffmpeg failed with exit code %1</source>
            <translation>ffmpeg a échoué avec le code de sortie %1</translation>
        </message>
        <message>
            <source>ffprobe did not finish within %1 s</source>
            <translation>ffprobe n’a pas terminé en %1 s</translation>
        </message>
        <message>
            <source>has no audio stream</source>
            <translation>n’a pas de piste audio</translation>
        </message>
        <message>
            <source>has no decodable audio</source>
            <translation>n’a pas de son décodable</translation>
        </message>
        <message>
            <source>has no duration</source>
            <translation>n’a pas de durée</translation>
        </message>
        <message>
            <source>has no video stream</source>
            <translation>n’a pas de piste vidéo</translation>
        </message>
        <message>
            <source>has no readable frames</source>
            <translation>n’a pas d’images lisibles</translation>
        </message>
        <message>
            <source>truncated: %1 of %2 frames readable</source>
            <translation>tronqué : %1 images lisibles sur %2</translation>
        </message>
        <message>
            <source>duration is unknown</source>
            <translation>durée inconnue</translation>
        </message>
        <message>
            <source>duration %1 s, expected %2 s</source>
            <extracomment>%1 is the measured duration, %2 the shot's.</extracomment>
            <translation>durée %1 s, %2 s attendues</translation>
        </message>
        <message>
            <source>no output file was reported</source>
            <translation>aucun fichier de sortie n’a été signalé</translation>
        </message>
        <message>
            <source>file is missing</source>
            <translation>fichier manquant</translation>
        </message>
        <message>
            <source>is not a regular file</source>
            <translation>n’est pas un fichier ordinaire</translation>
        </message>
        <message>
            <source>file is empty</source>
            <translation>fichier vide</translation>
        </message>
        <message>
            <source>file cannot be read (permission denied)</source>
            <translation>fichier illisible (permission refusée)</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ActivityLog</name>
        <message>
            <source>Activity log</source>
            <translation>Journal d’activité</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::AttemptModel</name>
        <message>
            <source>Stage</source>
            <translation>Étape</translation>
        </message>
        <message>
            <source>#</source>
            <comment>attempt number</comment>
            <translation>N°</translation>
        </message>
        <message>
            <source>Rung</source>
            <translation>Palier</translation>
        </message>
        <message>
            <source>Provider / model</source>
            <translation>Fournisseur / modèle</translation>
        </message>
        <message>
            <source>Started</source>
            <translation>Début</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>Durée</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Résultat</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>Erreur</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Message</translation>
        </message>
        <message>
            <source>HTTP</source>
            <translation>HTTP</translation>
        </message>
        <message>
            <source>Files of the attempt: %1</source>
            <translation>Fichiers de la tentative : %1</translation>
        </message>
        <message>
            <source>%1 / %2</source>
            <comment>provider / model</comment>
            <translation>%1 / %2</translation>
        </message>
        <message>
            <source>running</source>
            <translation>en cours</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>no output</source>
            <translation>aucune sortie</translation>
        </message>
        <message>
            <source>failed</source>
            <comment>attempt outcome</comment>
            <translation>échouée</translation>
        </message>
        <message>
            <source>not counted</source>
            <comment>attempt outcome (disk full, cancelled)</comment>
            <translation>non comptée</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <comment>cell text: attempt message</comment>
            <translation>%1 : %2</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::BannerCoordinator</name>
        <message numerus="yes">
            <source>%1 and %n more</source>
            <translation>
                <numerusform>%1 et %n autre</numerusform>
                <numerusform>%1 et %n autres</numerusform>
            </translation>
        </message>
        <message>
            <source>Switch provider…</source>
            <translation>Changer de fournisseur…</translation>
        </message>
        <message>
            <source>Run every failed task on another provider</source>
            <translation>Exécuter toutes les tâches échouées chez un autre fournisseur</translation>
        </message>
        <message>
            <source>Run the rate-limited tasks on another provider</source>
            <translation>Exécuter les tâches limitées en débit chez un autre fournisseur</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>Ouvrir le dossier</translation>
        </message>
        <message>
            <source>Open the workspace folder to free some space</source>
            <translation>Ouvrir le dossier de travail pour libérer de l’espace</translation>
        </message>
        <message>
            <source>Retry now</source>
            <translation>Réessayer maintenant</translation>
        </message>
        <message>
            <source>Check the free space again now</source>
            <translation>Vérifier à nouveau l’espace libre maintenant</translation>
        </message>
        <message>
            <source>Edit prompt…</source>
            <translation>Modifier le prompt…</translation>
        </message>
        <message>
            <source>Rewrite the rejected prompt</source>
            <translation>Réécrire le prompt refusé</translation>
        </message>
        <message>
            <source>Run the rejected tasks on another provider</source>
            <translation>Exécuter les tâches refusées chez un autre fournisseur</translation>
        </message>
        <message>
            <source>Run these tasks on another provider</source>
            <translation>Exécuter ces tâches chez un autre fournisseur</translation>
        </message>
        <message>
            <source>Change the prompt of the shot that keeps failing</source>
            <translation>Modifier le prompt du plan qui échoue sans cesse</translation>
        </message>
        <message>
            <source>Run the tasks waiting for %1 on another provider</source>
            <translation>Exécuter chez un autre fournisseur les tâches qui attendent %1</translation>
        </message>
        <message>
            <source>Stop waiting for the cool-down and send %1 requests again now</source>
            <translation>Ne plus attendre la fin de la pause et renvoyer dès maintenant des requêtes à %1</translation>
        </message>
        <message>
            <source>Retrying provider %1 now, without waiting for its cool-down.</source>
            <translation>Nouvel essai du fournisseur %1 maintenant, sans attendre la fin de sa pause.</translation>
        </message>
        <message>
            <source>Provider %1 keeps failing (%2) and is paused for a cool-down.</source>
            <translation>Le fournisseur %1 échoue sans cesse (%2) et est mis en pause.</translation>
        </message>
        <message>
            <source>Provider %1 keeps failing (%2) and is paused for a cool-down until %3.</source>
            <translation>Le fournisseur %1 échoue sans cesse (%2) et est mis en pause jusqu’à %3.</translation>
        </message>
        <message>
            <source>Its tasks move to other providers or wait.</source>
            <translation>Ses tâches passent à d’autres fournisseurs ou attendent.</translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) failed and need you.</source>
            <translation>
                <numerusform>%n tâche a échoué et a besoin de vous.</numerusform>
                <numerusform>%n tâches ont échoué et ont besoin de vous.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n more wait for them.</source>
            <translation>
                <numerusform>%n autre les attend.</numerusform>
                <numerusform>%n autres les attendent.</numerusform>
            </translation>
        </message>
        <message>
            <source>Retry them, or run them on another provider.</source>
            <translation>Réessayez-les ou exécutez-les chez un autre fournisseur.</translation>
        </message>
        <message>
            <source>%1 failed again with the same error (%2) after %3 retries by hand. Retrying will not help: run it on another provider or edit the prompt.</source>
            <translation>%1 a de nouveau échoué avec la même erreur (%2) après %3 nouveaux essais manuels. Réessayer n’aidera pas : exécutez-la chez un autre fournisseur ou modifiez le prompt.</translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) failed again with the same error after 3 retries by hand (%1). Retrying will not help: run them on another provider or edit the prompts.</source>
            <translation>
                <numerusform>%n tâche a de nouveau échoué avec la même erreur après 3 nouveaux essais manuels (%1). Réessayer n’aidera pas : exécutez-la chez un autre fournisseur ou modifiez les prompts.</numerusform>
                <numerusform>%n tâches ont de nouveau échoué avec la même erreur après 3 nouveaux essais manuels (%1). Réessayer n’aidera pas : exécutez-les chez un autre fournisseur ou modifiez les prompts.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 is rate-limiting requests (HTTP 429): %n task(s) wait for their retry.</source>
            <translation>
                <numerusform>%1 limite le débit des requêtes (HTTP 429) : %n tâche attend son nouvel essai.</numerusform>
                <numerusform>%1 limite le débit des requêtes (HTTP 429) : %n tâches attendent leur nouvel essai.</numerusform>
            </translation>
        </message>
        <message>
            <source>Retake lowered the parallel requests to %1 of %2 and raises them again as requests succeed.</source>
            <translation>Retake a réduit les requêtes parallèles à %1 sur %2 et les augmente à nouveau dès que les requêtes aboutissent.</translation>
        </message>
        <message>
            <source>The prompt of %1 was rejected by the provider's content policy. Edit the prompt, or run the shot on another provider.</source>
            <translation>Le prompt de %1 a été refusé par la politique de contenu du fournisseur. Modifiez le prompt ou exécutez le plan chez un autre fournisseur.</translation>
        </message>
        <message numerus="yes">
            <source>The prompts of %n shot(s) were rejected by the provider's content policy (%1). Edit the prompts, or run the shots on another provider.</source>
            <translation>
                <numerusform>Le prompt de %n plan a été refusé par la politique de contenu du fournisseur (%1). Modifiez les prompts ou exécutez les plans chez un autre fournisseur.</numerusform>
                <numerusform>Les prompts de %n plans ont été refusés par la politique de contenu du fournisseur (%1). Modifiez les prompts ou exécutez les plans chez un autre fournisseur.</numerusform>
            </translation>
        </message>
        <message>
            <source>Edit prompt of %1…</source>
            <translation>Modifier le prompt de %1…</translation>
        </message>
        <message>
            <source>Disk full: Retake stopped writing to %1 and resumes by itself when space returns. Free some space, then press Retry now.</source>
            <translation>Disque plein : Retake n’écrit plus dans %1 et reprend de lui-même quand l’espace revient. Libérez de l’espace, puis cliquez sur « Réessayer maintenant ».</translation>
        </message>
        <message>
            <source>Still only %1 MB free in %2; Retake needs %3 MB. Free some space, then press Retry now.</source>
            <translation>Toujours seulement %1 Mo libres dans %2 ; Retake a besoin de %3 Mo. Libérez de l’espace, puis cliquez sur « Réessayer maintenant ».</translation>
        </message>
        <message>
            <source>View report</source>
            <translation>Voir le rapport</translation>
        </message>
        <message>
            <source>Write the run's job report and show it</source>
            <translation>Écrire le rapport d’exécution et l’afficher</translation>
        </message>
        <message>
            <source>Raise budget…</source>
            <translation>Augmenter le budget…</translation>
        </message>
        <message>
            <source>Set a higher budget cap for this run and continue it</source>
            <translation>Fixer un plafond de budget plus élevé pour cette exécution et la poursuivre</translation>
        </message>
        <message>
            <source>Show the partial report of the run that stopped unexpectedly</source>
            <translation>Afficher le rapport partiel de l’exécution interrompue de façon inattendue</translation>
        </message>
        <message>
            <source>Run %1 stopped before it finished: Retake quit unexpectedly or was stopped. A partial report was written; finished work is kept and the interrupted tasks run again when you press Run.</source>
            <translation>L’exécution %1 s’est arrêtée avant la fin : Retake a quitté de façon inattendue ou a été arrêté. Un rapport partiel a été écrit ; le travail terminé est conservé et les tâches interrompues reprennent quand vous appuyez sur Lancer.</translation>
        </message>
        <message numerus="yes">
            <source>Budget cap reached: %1 of %2 cost units spent; %n task(s) not started.</source>
            <translation>
                <numerusform>Plafond de budget atteint : %1 unités de coût dépensées sur %2 ; %n tâche non lancée.</numerusform>
                <numerusform>Plafond de budget atteint : %1 unités de coût dépensées sur %2 ; %n tâches non lancées.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n attempt(s) already running will finish and be kept.</source>
            <translation>
                <numerusform>%n tentative déjà en cours va se terminer et sera conservée.</numerusform>
                <numerusform>%n tentatives déjà en cours vont se terminer et seront conservées.</numerusform>
            </translation>
        </message>
        <message>
            <source>Raise the budget to continue this run.</source>
            <translation>Augmentez le budget pour poursuivre cette exécution.</translation>
        </message>
        <message>
            <source>Scene and film tasks among them: %1.</source>
            <translation>Dont des tâches de scène ou de film : %1.</translation>
        </message>
        <message>
            <source>%1 MB free again: the batch resumes.</source>
            <translation>De nouveau %1 Mo libres : le lot reprend.</translation>
        </message>
        <message>
            <source>There is space again: the batch resumes.</source>
            <translation>Il y a de nouveau de la place : le lot reprend.</translation>
        </message>
        <message>
            <source>%1 MB free in %2, but Retake could not save the batch state yet. Free more space, then press Retry now.</source>
            <translation>%1 Mo libres dans %2, mais Retake n’a pas encore pu enregistrer l’état du lot. Libérez davantage d’espace, puis cliquez sur « Réessayer maintenant ».</translation>
        </message>
        <message>
            <source>Take over and resume</source>
            <translation>Prendre la main et reprendre</translation>
        </message>
        <message>
            <source>Own the workspace in this window and resume the stopped run here; a partial report of the stopped run is written</source>
            <translation>Prendre la main sur l’espace de travail dans cette fenêtre et y reprendre l’exécution arrêtée ; un rapport partiel de l’exécution arrêtée est écrit</translation>
        </message>
        <message>
            <source>%1 (pid %2)</source>
            <translation>%1 (pid %2)</translation>
        </message>
        <message>
            <source>Running in %1 — you are watching.</source>
            <translation>En cours dans %1 — vous observez.</translation>
        </message>
        <message>
            <source>Running in %1 since %2 — you are watching.</source>
            <translation>En cours dans %1 depuis %2 — vous observez.</translation>
        </message>
        <message>
            <source>Pause, Resume, Cancel and Retry act on its run; Run and the rest are available when it ends.</source>
            <translation>Pause, Reprendre, Annuler et Réessayer agissent sur son exécution ; Lancer et le reste sont disponibles quand elle se termine.</translation>
        </message>
        <message>
            <source>Open in %1 — you are watching.</source>
            <translation>Ouvert dans %1 — vous observez.</translation>
        </message>
        <message>
            <source>Open in %1 since %2 — you are watching.</source>
            <translation>Ouvert dans %1 depuis %2 — vous observez.</translation>
        </message>
        <message>
            <source>Retry acts through it; Run and the rest are available when it closes the storyboard.</source>
            <translation>Réessayer passe par lui ; Lancer et le reste sont disponibles quand il ferme le storyboard.</translation>
        </message>
        <message>
            <source>%1 done</source>
            <translation>%1 terminée(s)</translation>
        </message>
        <message>
            <source>%1 failed</source>
            <translation>%1 échouée(s)</translation>
        </message>
        <message>
            <source>%1 cancelled</source>
            <translation>%1 annulée(s)</translation>
        </message>
        <message>
            <source>%1 was cancelled: %2 (exit %3).</source>
            <translation>%1 a été annulé : %2 (code de sortie %3).</translation>
        </message>
        <message>
            <source>%1 finished: %2 (exit %3).</source>
            <translation>%1 a terminé : %2 (code de sortie %3).</translation>
        </message>
        <message>
            <source>This window owns the workspace now.</source>
            <translation>Cette fenêtre a maintenant la main sur l’espace de travail.</translation>
        </message>
        <message>
            <source>%1 (pid %2) stopped without finishing its run: it was killed or crashed. Take over to resume the run in this window; finished work is kept and the stopped run gets a partial report.</source>
            <translation>%1 (pid %2) s’est arrêté sans terminer son exécution : il a été tué ou a planté. Prenez la main pour reprendre l’exécution dans cette fenêtre ; le travail terminé est conservé et l’exécution arrêtée reçoit un rapport partiel.</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::CheckpointsDialog</name>
        <message>
            <source>Checkpoints</source>
            <translation>Points de reprise</translation>
        </message>
        <message>
            <source>Retake makes a checkpoint when a stage finishes for every shot and before every bulk action. Restoring one rolls every task back to that moment; no file is deleted, and the restore can be undone.</source>
            <translation>Retake crée un point de reprise quand une étape est terminée pour tous les plans et avant chaque action groupée. En restaurer un ramène toutes les tâches à ce moment ; aucun fichier n’est supprimé et la restauration peut être annulée.</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Heure</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Motif</translation>
        </message>
        <message>
            <source>Tasks then</source>
            <translation>Tâches à ce moment</translation>
        </message>
        <message>
            <source>Restore…</source>
            <translation>Restaurer…</translation>
        </message>
        <message>
            <source>Roll every task back to the selected checkpoint</source>
            <translation>Ramener toutes les tâches au point de reprise sélectionné</translation>
        </message>
        <message>
            <source>Restore checkpoint</source>
            <translation>Restaurer un point de reprise</translation>
        </message>
        <message>
            <source>Roll every task back to the checkpoint of %1 (%2)?</source>
            <translation>Ramener toutes les tâches au point de reprise de %1 (%2) ?</translation>
        </message>
        <message>
            <source>Outputs made since then stay on disk, and the current state is saved first so that you can undo the restore.</source>
            <translation>Les sorties produites depuis restent sur le disque, et l’état actuel est d’abord enregistré pour que vous puissiez annuler la restauration.</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>Restaurer</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::EditPromptDialog</name>
        <message>
            <source>Edit the prompt of %1</source>
            <translation>Modifier le prompt de %1</translation>
        </message>
        <message>
            <source>Prompt:</source>
            <translation>Prompt :</translation>
        </message>
        <message>
            <source>Negative prompt:</source>
            <translation>Prompt négatif :</translation>
        </message>
        <message>
            <source>Saving writes the new prompt into %1 and reloads it: the shot's tasks run again with it; other finished work is kept.</source>
            <translation>L’enregistrement écrit le nouveau prompt dans %1 et le recharge : les tâches du plan sont relancées avec lui ; le reste du travail terminé est conservé.</translation>
        </message>
        <message>
            <source>%1 is a CSV shot list: change the prompt in your spreadsheet, save it, and open it again.</source>
            <translation>%1 est une liste de plans CSV : modifiez le prompt dans votre tableur, enregistrez-la et rouvrez-la.</translation>
        </message>
        <message>
            <source>Save and reload</source>
            <translation>Enregistrer et recharger</translation>
        </message>
        <message>
            <source>Open the shot list</source>
            <translation>Ouvrir la liste de plans</translation>
        </message>
        <message>
            <source>The prompt cannot be empty.</source>
            <translation>Le prompt ne peut pas être vide.</translation>
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation>Non enregistré : %1</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::EngineController</name>
        <message>
            <source>Other windows and retake-cli watch cannot follow this window: %1.</source>
            <translation>Les autres fenêtres et retake-cli watch ne peuvent pas suivre cette fenêtre : %1.</translation>
        </message>
        <message>
            <source>The owner of the workspace sent something this window cannot read: %1</source>
            <translation>Le détenteur de l’espace de travail a envoyé quelque chose que cette fenêtre ne sait pas lire : %1</translation>
        </message>
        <message>
            <source>%1 owns this workspace but does not answer on %2 (%3). Wait until it ends, or stop it, then open the storyboard again.</source>
            <translation>%1 détient cet espace de travail mais ne répond pas sur %2 (%3). Attendez qu’il se termine, ou arrêtez-le, puis rouvrez le storyboard.</translation>
        </message>
        <message>
            <source>%1 owns this workspace from another computer; this window cannot follow it. Watch it there, or run retake-cli run FILE --take-over here once it has stopped.</source>
            <translation>%1 détient cet espace de travail depuis un autre ordinateur ; cette fenêtre ne peut pas le suivre. Suivez-le là-bas, ou lancez ici retake-cli run FILE --take-over une fois qu’il s’est arrêté.</translation>
        </message>
        <message>
            <source>%1 is gone: take over the workspace first.</source>
            <translation>%1 a disparu : prenez d’abord la main sur l’espace de travail.</translation>
        </message>
        <message>
            <source>%1 refused %2: %3</source>
            <translation>%1 a refusé %2 : %3</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ErrorLogDialog</name>
        <message>
            <source>Error log — %1</source>
            <translation>Journal des erreurs — %1</translation>
        </message>
        <message>
            <source>Reading %1…</source>
            <translation>Lecture de %1…</translation>
        </message>
        <message>
            <source>Previous</source>
            <translation>Précédente</translation>
        </message>
        <message>
            <source>The previous failure of this shot</source>
            <translation>L’échec précédent de ce plan</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>Suivante</translation>
        </message>
        <message>
            <source>The next failure of this shot</source>
            <translation>L’échec suivant de ce plan</translation>
        </message>
        <message>
            <source>Open in editor</source>
            <translation>Ouvrir dans l’éditeur</translation>
        </message>
        <message>
            <source>The error log %1 is empty or missing: nothing has failed in this workspace yet.</source>
            <translation>Le journal des erreurs %1 est vide ou absent : rien n’a encore échoué dans cet espace de travail.</translation>
        </message>
        <message>
            <source>No failure of %1 is in the error log.</source>
            <translation>Aucun échec de %1 dans le journal des erreurs.</translation>
        </message>
        <message>
            <source>Failure %1 of %2 for this shot (highlighted).</source>
            <translation>Échec %1 sur %2 pour ce plan (en surbrillance).</translation>
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
            <translation>Ouvrez un storyboard (Ctrl+O) ou déposez ici un fichier .retake.json ou .csv.</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <comment>tooltip (shortcut)</comment>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation>&amp;Ouvrir…</translation>
        </message>
        <message>
            <source>Open a storyboard (.retake.json) or a CSV shot list</source>
            <translation>Ouvrir un storyboard (.retake.json) ou une liste de plans CSV</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quitter</translation>
        </message>
        <message>
            <source>Quit Retake</source>
            <translation>Quitter Retake</translation>
        </message>
        <message>
            <source>&amp;Run</source>
            <translation>&amp;Lancer</translation>
        </message>
        <message>
            <source>Run the batch, or resume it when paused</source>
            <translation>Lancer le lot, ou le reprendre s’il est en pause</translation>
        </message>
        <message>
            <source>&amp;Pause</source>
            <translation>&amp;Pause</translation>
        </message>
        <message>
            <source>Pause the batch: running attempts finish, nothing new starts</source>
            <translation>Mettre le lot en pause : les tentatives en cours se terminent, rien de nouveau ne démarre</translation>
        </message>
        <message>
            <source>You paused the batch.</source>
            <translation>Vous avez mis le lot en pause.</translation>
        </message>
        <message>
            <source>&amp;Cancel</source>
            <translation>A&amp;nnuler</translation>
        </message>
        <message>
            <source>Cancel the batch: stop running attempts; finished work is kept</source>
            <translation>Annuler le lot : les tentatives en cours sont arrêtées ; le travail terminé est conservé</translation>
        </message>
        <message>
            <source>You cancelled the batch.</source>
            <translation>Vous avez annulé le lot.</translation>
        </message>
        <message>
            <source>Retry all &amp;failed</source>
            <translation>Réessayer tous les é&amp;checs</translation>
        </message>
        <message>
            <source>Re-queue every failed task and the tasks blocked by them</source>
            <translation>Remettre en file toutes les tâches échouées et celles qu’elles bloquent</translation>
        </message>
        <message numerus="yes">
            <source>You retried all failed tasks (%n failed, %1 blocked).</source>
            <translation>
                <numerusform>Vous avez relancé toutes les tâches échouées (%n échouée, %1 bloquées).</numerusform>
                <numerusform>Vous avez relancé toutes les tâches échouées (%n échouées, %1 bloquées).</numerusform>
            </translation>
        </message>
        <message>
            <source>&amp;Retry</source>
            <translation>&amp;Réessayer</translation>
        </message>
        <message>
            <source>Retry the selected failed, blocked or cancelled tasks</source>
            <translation>Réessayer les tâches sélectionnées échouées, bloquées ou annulées</translation>
        </message>
        <message>
            <source>Retry at full &amp;quality</source>
            <translation>Réessayer en &amp;qualité maximale</translation>
        </message>
        <message>
            <source>Re-run the selected degraded tasks at full quality; the degraded output is kept if it fails</source>
            <translation>Relancer en qualité maximale les tâches dégradées sélectionnées ; la sortie dégradée est conservée en cas d’échec</translation>
        </message>
        <message>
            <source>&amp;Switch provider…</source>
            <translation>&amp;Changer de fournisseur…</translation>
        </message>
        <message>
            <source>Re-run the selected tasks on another provider</source>
            <translation>Relancer les tâches sélectionnées chez un autre fournisseur</translation>
        </message>
        <message>
            <source>Open output &amp;folder</source>
            <translation>Ouvrir le &amp;dossier de sortie</translation>
        </message>
        <message>
            <source>Open the folder with the selected shot's outputs</source>
            <translation>Ouvrir le dossier contenant les sorties du plan sélectionné</translation>
        </message>
        <message>
            <source>Show in &amp;error log</source>
            <translation>Afficher dans le journal des &amp;erreurs</translation>
        </message>
        <message>
            <source>Show the selected shot's failures in the workspace's error log</source>
            <translation>Afficher les échecs du plan sélectionné dans le journal des erreurs de l’espace de travail</translation>
        </message>
        <message>
            <source>Edit &amp;prompt…</source>
            <translation>Modifier le &amp;prompt…</translation>
        </message>
        <message>
            <source>Change the selected shot's prompt in the storyboard and run it again</source>
            <translation>Modifier le prompt du plan sélectionné dans le storyboard et le relancer</translation>
        </message>
        <message>
            <source>Pre&amp;ferences…</source>
            <translation>&amp;Préférences…</translation>
        </message>
        <message>
            <source>Retries, backoff, disk reserve, debug logging and language</source>
            <translation>Nouveaux essais, temporisation, réserve disque, journal de débogage et langue</translation>
        </message>
        <message>
            <source>&amp;Find shots</source>
            <translation>&amp;Rechercher des plans</translation>
        </message>
        <message>
            <source>Show only the shots whose id or title contains a text</source>
            <translation>N’afficher que les plans dont l’identifiant ou le titre contient un texte</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Fichier</translation>
        </message>
        <message>
            <source>Open &amp;Recent</source>
            <translation>Ouvrir un fichier &amp;récent</translation>
        </message>
        <message>
            <source>&amp;Batch</source>
            <translation>&amp;Lot</translation>
        </message>
        <message>
            <source>&amp;Shot</source>
            <translation>&amp;Plan</translation>
        </message>
        <message>
            <source>Batch</source>
            <translation>Lot</translation>
        </message>
        <message>
            <source>Find shots (Ctrl+F)</source>
            <translation>Rechercher des plans (Ctrl+F)</translation>
        </message>
        <message>
            <source>Find shots by id or title</source>
            <translation>Rechercher des plans par identifiant ou titre</translation>
        </message>
        <message>
            <source>Activity log</source>
            <translation>Journal d’activité</translation>
        </message>
        <message>
            <source>Show or hide the activity log (Ctrl+L)</source>
            <translation>Afficher ou masquer le journal d’activité (Ctrl+L)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Affichage</translation>
        </message>
        <message>
            <source>Could not open the workspace of %1: %2</source>
            <translation>Impossible d’ouvrir l’espace de travail de %1 : %2</translation>
        </message>
        <message>
            <source>Storyboard not opened</source>
            <translation>Storyboard non ouvert</translation>
        </message>
        <message>
            <source>Disk full: the batch is paused.</source>
            <translation>Disque plein : le lot est en pause.</translation>
        </message>
        <message>
            <source>Still reading %1…</source>
            <translation>Lecture de %1 en cours…</translation>
        </message>
        <message>
            <source>Reading %1…</source>
            <translation>Lecture de %1…</translation>
        </message>
        <message numerus="yes">
            <source>%1 has %n problem(s); it was not opened.</source>
            <translation>
                <numerusform>%1 présente %n problème ; il n’a pas été ouvert.</numerusform>
                <numerusform>%1 présente %n problèmes ; il n’a pas été ouvert.</numerusform>
            </translation>
        </message>
        <message>
            <source>Opening %1…</source>
            <translation>Ouverture de %1…</translation>
        </message>
        <message>
            <source>Opening %1.</source>
            <translation>Ouverture de %1.</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n shot(s)</source>
            <translation>
                <numerusform>%1 : %n plan</numerusform>
                <numerusform>%1 : %n plans</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n scene(s).</source>
            <translation>
                <numerusform>%n scène.</numerusform>
                <numerusform>%n scènes.</numerusform>
            </translation>
        </message>
        <message>
            <source>Press Run (F5) to start.</source>
            <translation>Appuyez sur Lancer (F5) pour commencer.</translation>
        </message>
        <message>
            <source>Workspace: %1</source>
            <translation>Espace de travail : %1</translation>
        </message>
        <message>
            <source>[debug] %1 attempt %2 on %3: %4; parameters: %5</source>
            <translation>[débogage] %1 tentative %2 chez %3 : %4 ; paramètres : %5</translation>
        </message>
        <message>
            <source>ok</source>
            <translation>ok</translation>
        </message>
        <message numerus="yes">
            <source>All %n task(s) are done.</source>
            <translation>
                <numerusform>%n tâche terminée.</numerusform>
                <numerusform>Les %n tâches sont terminées.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n at reduced quality.</source>
            <translation>
                <numerusform>%n en qualité réduite.</numerusform>
                <numerusform>%n en qualité réduite.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n at full quality on another provider.</source>
            <translation>
                <numerusform>%n en qualité complète chez un autre fournisseur.</numerusform>
                <numerusform>%n en qualité complète chez un autre fournisseur.</numerusform>
            </translation>
        </message>
        <message>
            <source>The batch was cancelled: %1 of %2 tasks done.</source>
            <translation>Le lot a été annulé : %1 tâches terminées sur %2.</translation>
        </message>
        <message numerus="yes">
            <source>The batch stopped with %n task(s) that need you.</source>
            <translation>
                <numerusform>Le lot s’est arrêté avec %n tâche qui a besoin de vous.</numerusform>
                <numerusform>Le lot s’est arrêté avec %n tâches qui ont besoin de vous.</numerusform>
            </translation>
        </message>
        <message>
            <source>You retried %1.</source>
            <translation>Vous avez relancé %1.</translation>
        </message>
        <message>
            <source>You retried %1 at full quality.</source>
            <translation>Vous avez relancé %1 en qualité maximale.</translation>
        </message>
        <message>
            <source>You switched every failed task to provider %1.</source>
            <translation>Vous avez basculé toutes les tâches échouées vers le fournisseur %1.</translation>
        </message>
        <message>
            <source>You switched %1 to provider %2.</source>
            <translation>Vous avez basculé %1 vers le fournisseur %2.</translation>
        </message>
        <message>
            <source>The provider rejected this prompt (%1).</source>
            <translation>Le fournisseur a refusé ce prompt (%1).</translation>
        </message>
        <message>
            <source>You changed the prompt of %1; reloading the storyboard.</source>
            <translation>Vous avez modifié le prompt de %1 ; rechargement du storyboard.</translation>
        </message>
        <message>
            <source>The new language takes effect when Retake starts again.</source>
            <translation>La nouvelle langue s’appliquera au prochain démarrage de Retake.</translation>
        </message>
        <message numerus="yes">
            <source>Preferences applied: %n automatic retries, backoff from %1 s, keep %2 MB free.</source>
            <translation>
                <numerusform>Préférences appliquées : %n nouvel essai automatique, temporisation à partir de %1 s, garder %2 Mo libres.</numerusform>
                <numerusform>Préférences appliquées : %n nouveaux essais automatiques, temporisation à partir de %1 s, garder %2 Mo libres.</numerusform>
            </translation>
        </message>
        <message>
            <source>You resumed the batch.</source>
            <translation>Vous avez repris le lot.</translation>
        </message>
        <message>
            <source>You started the batch.</source>
            <translation>Vous avez lancé le lot.</translation>
        </message>
        <message>
            <source>Running %1…</source>
            <translation>Exécution de %1…</translation>
        </message>
        <message>
            <source>&amp;Resume</source>
            <translation>&amp;Reprendre</translation>
        </message>
        <message>
            <source>Retried 3 times by hand with the same error: switch provider or edit the prompt instead</source>
            <translation>Relancée 3 fois à la main avec la même erreur : changez plutôt de fournisseur ou modifiez le prompt</translation>
        </message>
        <message>
            <source>Retry the selected failed, blocked or cancelled tasks (%1)</source>
            <translation>Réessayer les tâches sélectionnées échouées, bloquées ou annulées (%1)</translation>
        </message>
        <message>
            <source>%1 — %2% — Retake</source>
            <comment>window title: project — percent — app</comment>
            <translation>%1 — %2 % — Retake</translation>
        </message>
        <message>
            <source>%1 no longer exists; removed from the recent files.</source>
            <translation>%1 n’existe plus ; retiré des fichiers récents.</translation>
        </message>
        <message>
            <source>No recent storyboards</source>
            <translation>Aucun storyboard récent</translation>
        </message>
        <message>
            <source>Clear the list</source>
            <translation>Vider la liste</translation>
        </message>
        <message>
            <source>Open a storyboard</source>
            <translation>Ouvrir un storyboard</translation>
        </message>
        <message>
            <source>Storyboards (*.retake.json *.json *.csv);;All files (*)</source>
            <translation>Storyboards (*.retake.json *.json *.csv);;Tous les fichiers (*)</translation>
        </message>
        <message>
            <source>A batch is running</source>
            <translation>Un lot est en cours</translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) are still running or waiting. What should happen to them?</source>
            <translation>
                <numerusform>%n tâche est encore en cours ou en attente. Que faut-il en faire ?</numerusform>
                <numerusform>%n tâches sont encore en cours ou en attente. Que faut-il en faire ?</numerusform>
            </translation>
        </message>
        <message>
            <source>Finished work is kept in every case.</source>
            <translation>Le travail terminé est conservé dans tous les cas.</translation>
        </message>
        <message>
            <source>Pause and quit</source>
            <translation>Mettre en pause et quitter</translation>
        </message>
        <message>
            <source>Running attempts are stopped and resume the next time you open this storyboard</source>
            <translation>Les tentatives en cours sont arrêtées et reprennent à la prochaine ouverture de ce storyboard</translation>
        </message>
        <message>
            <source>Cancel the batch and quit</source>
            <translation>Annuler le lot et quitter</translation>
        </message>
        <message>
            <source>Keep running</source>
            <translation>Continuer</translation>
        </message>
        <message>
            <source>Pausing and quitting; the batch resumes next time.</source>
            <translation>Mise en pause et fermeture ; le lot reprendra la prochaine fois.</translation>
        </message>
        <message>
            <source>Cancelling the batch and quitting.</source>
            <translation>Annulation du lot et fermeture.</translation>
        </message>
        <message>
            <source>Restore checkpoint…</source>
            <translation>Restaurer le point de reprise…</translation>
        </message>
        <message>
            <source>Go back to the state before this action</source>
            <translation>Revenir à l’état d’avant cette action</translation>
        </message>
        <message>
            <source>Undo restore</source>
            <translation>Annuler la restauration</translation>
        </message>
        <message>
            <source>Go back to the state before the restore</source>
            <translation>Revenir à l’état d’avant la restauration</translation>
        </message>
        <message>
            <source>Chec&amp;kpoint</source>
            <translation>Point de &amp;reprise</translation>
        </message>
        <message>
            <source>Save the batch's state now, to come back to it later</source>
            <translation>Enregistrer maintenant l’état du lot pour pouvoir y revenir plus tard</translation>
        </message>
        <message>
            <source>C&amp;heckpoints…</source>
            <translation>Points de reprise…</translation>
        </message>
        <message>
            <source>List the checkpoints and restore one</source>
            <translation>Lister les points de reprise et en restaurer un</translation>
        </message>
        <message>
            <source>P&amp;ublish</source>
            <translation>P&amp;ublier</translation>
        </message>
        <message>
            <source>Copy the current outputs of done tasks into published/, in one atomic step</source>
            <translation>Copier les sorties actuelles des tâches terminées dans published/, en une seule étape atomique</translation>
        </message>
        <message>
            <source>Re&amp;port</source>
            <translation>Ra&amp;pport</translation>
        </message>
        <message>
            <source>Write the job report of the latest run and show it</source>
            <translation>Écrire le rapport de la dernière exécution et l’afficher</translation>
        </message>
        <message>
            <source>No checkpoint was made: %1</source>
            <translation>Aucun point de reprise n’a été créé : %1</translation>
        </message>
        <message>
            <source>Checkpoint %1 saved.</source>
            <translation>Point de reprise %1 enregistré.</translation>
        </message>
        <message>
            <source>You restored checkpoint %1.</source>
            <translation>Vous avez restauré le point de reprise %1.</translation>
        </message>
        <message>
            <source>Restored %1.</source>
            <translation>%1 restauré.</translation>
        </message>
        <message>
            <source>Not restored: %1</source>
            <translation>Non restauré : %1</translation>
        </message>
        <message>
            <source>Checkpoint %1 saved (%2).</source>
            <translation>Point de reprise %1 enregistré (%2).</translation>
        </message>
        <message>
            <source>Retake saved a checkpoint (%1). If the result is not what you wanted, restore it.</source>
            <translation>Retake a enregistré un point de reprise (%1). Si le résultat ne vous convient pas, restaurez-le.</translation>
        </message>
        <message>
            <source>Checkpoint %1 restored. The state before it was saved as %2.</source>
            <translation>Point de reprise %1 restauré. L’état précédent a été enregistré sous %2.</translation>
        </message>
        <message>
            <source>Checkpoint %1 restored.</source>
            <translation>Point de reprise %1 restauré.</translation>
        </message>
        <message>
            <source>Publishing…</source>
            <translation>Publication…</translation>
        </message>
        <message numerus="yes">
            <source>Published %n file(s) (%1 MB) to published/.</source>
            <translation>
                <numerusform>%n fichier (%1 Mo) publié dans published/.</numerusform>
                <numerusform>%n fichiers (%1 Mo) publiés dans published/.</numerusform>
            </translation>
        </message>
        <message>
            <source>Not published: %1</source>
            <translation>Non publié : %1</translation>
        </message>
        <message>
            <source>Publish</source>
            <translation>Publier</translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) are not done and will be missing from published/.</source>
            <translation>
                <numerusform>%n tâche n’est pas terminée et manquera dans published/.</numerusform>
                <numerusform>%n tâches ne sont pas terminées et manqueront dans published/.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Publish the %n done output(s) now? The previous published/ is replaced in one step.</source>
            <translation>
                <numerusform>Publier maintenant la sortie terminée (%n) ? L’ancien published/ est remplacé en une seule étape.</numerusform>
                <numerusform>Publier maintenant les %n sorties terminées ? L’ancien published/ est remplacé en une seule étape.</numerusform>
            </translation>
        </message>
        <message>
            <source>Writing the report…</source>
            <translation>Écriture du rapport…</translation>
        </message>
        <message>
            <source>No report: %1</source>
            <translation>Pas de rapport : %1</translation>
        </message>
        <message>
            <source>Report written to %1.</source>
            <translation>Rapport écrit dans %1.</translation>
        </message>
        <message>
            <source>Provider p&amp;rofiles…</source>
            <translation>P&amp;rofils de fournisseur…</translation>
        </message>
        <message>
            <source>List, add and edit provider profiles, test their connection and store their API keys</source>
            <translation>Lister, ajouter et modifier les profils de fournisseur, tester leur connexion et enregistrer leurs clés d’API</translation>
        </message>
        <message>
            <source>Se&amp;ttings</source>
            <translation>Pa&amp;ramètres</translation>
        </message>
        <message>
            <source>Providers</source>
            <translation>Fournisseurs</translation>
        </message>
        <message>
            <source>Show or hide the providers' live state</source>
            <translation>Afficher ou masquer l’état en direct des fournisseurs</translation>
        </message>
        <message>
            <source>Provider profile left out: %1</source>
            <translation>Profil de fournisseur ignoré : %1</translation>
        </message>
        <message>
            <source>You saved the provider profile %1; it is used from the next storyboard you open.</source>
            <translation>Vous avez enregistré le profil de fournisseur %1 ; il sera utilisé à partir du prochain storyboard que vous ouvrirez.</translation>
        </message>
        <message>
            <source>You removed the provider profile %1.</source>
            <translation>Vous avez supprimé le profil de fournisseur %1.</translation>
        </message>
        <message>
            <source>Budget cap reached: no new tasks start.</source>
            <translation>Plafond de budget atteint : aucune nouvelle tâche ne démarre.</translation>
        </message>
        <message numerus="yes">
            <source>The batch stopped at its budget cap: %1 of %2 cost units spent, %n task(s) not started.</source>
            <translation>
                <numerusform>Le lot s’est arrêté à son plafond de budget : %1 unités de coût dépensées sur %2, %n tâche non lancée.</numerusform>
                <numerusform>Le lot s’est arrêté à son plafond de budget : %1 unités de coût dépensées sur %2, %n tâches non lancées.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>At most %n request(s) in flight per provider.</source>
            <translation>
                <numerusform>Au plus %n requête en cours par fournisseur.</numerusform>
                <numerusform>Au plus %n requêtes en cours par fournisseur.</numerusform>
            </translation>
        </message>
        <message>
            <source>Estimating the run…</source>
            <translation>Estimation de l’exécution…</translation>
        </message>
        <message>
            <source>Run cancelled: nothing started.</source>
            <translation>Lancement annulé : rien n’a démarré.</translation>
        </message>
        <message>
            <source>Run no longer asks first; turn it back on in Preferences.</source>
            <translation>Lancer ne demande plus de confirmation ; réactivez-la dans les Préférences.</translation>
        </message>
        <message>
            <source>You started the batch with a budget cap of %1 cost units.</source>
            <translation>Vous avez lancé le lot avec un plafond de budget de %1 unités de coût.</translation>
        </message>
        <message>
            <source>Raise the budget</source>
            <translation>Augmenter le budget</translation>
        </message>
        <message numerus="yes">
            <source>This run has spent %1 of its %2 cost units. The %n task(s) not started are expected to cost about %3 more.</source>
            <translation>
                <numerusform>Cette exécution a dépensé %1 de ses %2 unités de coût. La tâche non lancée (%n) devrait coûter environ %3 de plus.</numerusform>
                <numerusform>Cette exécution a dépensé %1 de ses %2 unités de coût. Les %n tâches non lancées devraient coûter environ %3 de plus.</numerusform>
            </translation>
        </message>
        <message>
            <source>New budget cap for this run (cost units):</source>
            <translation>Nouveau plafond de budget pour cette exécution (unités de coût) :</translation>
        </message>
        <message>
            <source>Raise and continue</source>
            <translation>Augmenter et poursuivre</translation>
        </message>
        <message>
            <source>You raised the budget cap to %1 cost units; the run continues.</source>
            <translation>Vous avez porté le plafond de budget à %1 unités de coût ; l’exécution continue.</translation>
        </message>
        <message>
            <source>Job report of run %1 written: %2</source>
            <translation>Rapport de l’exécution %1 écrit : %2</translation>
        </message>
        <message>
            <source>No job report: %1</source>
            <translation>Pas de rapport d’exécution : %1</translation>
        </message>
        <message>
            <source>Could not write the partial report of the run that stopped: %1</source>
            <translation>Impossible d’écrire le rapport partiel de l’exécution interrompue : %1</translation>
        </message>
        <message>
            <source>Run %1 stopped before it finished (crash or kill); partial report: %2</source>
            <translation>L’exécution %1 s’est arrêtée avant la fin (plantage ou arrêt forcé) ; rapport partiel : %2</translation>
        </message>
        <message>
            <source>&amp;Raise budget…</source>
            <translation>&amp;Augmenter le budget…</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Annulation…</translation>
        </message>
        <message>
            <source>Timeline</source>
            <translation>Chronologie</translation>
        </message>
        <message>
            <source>Show or hide the timeline of the run's attempts per provider (Ctrl+T)</source>
            <translation>Afficher ou masquer la chronologie des tentatives de l’exécution par fournisseur (Ctrl+T)</translation>
        </message>
        <message>
            <source>%1 ended its run (exit %2%3); this window takes the workspace over.</source>
            <translation>%1 a terminé son exécution (code de sortie %2%3) ; cette fenêtre prend la main sur l’espace de travail.</translation>
        </message>
        <message>
            <source>%1 stopped without finishing its run. Take over to resume it here.</source>
            <translation>%1 s’est arrêté sans terminer son exécution. Prenez la main pour la reprendre ici.</translation>
        </message>
        <message>
            <source>You took over %1 from %2; the run resumes here.</source>
            <translation>Vous avez pris la main sur %1 à la place de %2 ; l’exécution reprend ici.</translation>
        </message>
        <message>
            <source>%1 runs this storyboard; edit its prompts when it ends.</source>
            <translation>%1 exécute ce storyboard ; modifiez ses prompts quand il aura terminé.</translation>
        </message>
        <message>
            <source>Watching %1.</source>
            <translation>Observation de %1.</translation>
        </message>
        <message>
            <source>%1 owns this workspace: you are watching its run.</source>
            <translation>%1 détient cet espace de travail : vous observez son exécution.</translation>
        </message>
        <message>
            <source>Running in %1, pid %2 — you are watching; %3 is available when it ends</source>
            <translation>En cours dans %1, pid %2 — vous observez ; %3 est disponible quand il se termine</translation>
        </message>
        <message>
            <source>%1, pid %2, stopped without finishing — take over the workspace first (%3 is available then)</source>
            <translation>%1, pid %2, s’est arrêté avant la fin — prenez d’abord la main sur l’espace de travail (%3 sera alors disponible)</translation>
        </message>
        <message>
            <source>%1 — %2% — watching %3 — Retake</source>
            <comment>window title: project — percent — owner watched — app</comment>
            <translation>%1 — %2 % — observation de %3 — Retake</translation>
        </message>
        <message>
            <source>You resumed the batch in %1.</source>
            <translation>Vous avez repris le lot dans %1.</translation>
        </message>
        <message>
            <source>You paused the batch in %1.</source>
            <translation>Vous avez mis le lot en pause dans %1.</translation>
        </message>
        <message>
            <source>You cancelled the batch in %1.</source>
            <translation>Vous avez annulé le lot dans %1.</translation>
        </message>
        <message>
            <source>%1 owns this workspace; Run is available when it ends.</source>
            <translation>%1 détient cet espace de travail ; Lancer est disponible quand il aura terminé.</translation>
        </message>
        <message>
            <source>Preferences saved; %1 runs this batch with its own, yours apply when this window runs it.</source>
            <translation>Préférences enregistrées ; %1 exécute ce lot avec les siennes, les vôtres s’appliquent quand cette fenêtre l’exécute.</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::MessageBanner</name>
        <message>
            <source>Dismiss</source>
            <translation>Masquer</translation>
        </message>
        <message>
            <source>Dismiss this message; it comes back if the problem changes</source>
            <translation>Masquer ce message ; il réapparaît si le problème change</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::PreferencesDialog</name>
        <message>
            <source>Preferences</source>
            <translation>Préférences</translation>
        </message>
        <message>
            <source>Automatic retries</source>
            <translation>Nouveaux essais automatiques</translation>
        </message>
        <message>
            <source>Use these settings instead of the storyboard's</source>
            <translation>Utiliser ces réglages au lieu de ceux du storyboard</translation>
        </message>
        <message>
            <source>Automatic retries per task and run, after the first attempt</source>
            <translation>Nouveaux essais automatiques par tâche et par exécution, après la première tentative</translation>
        </message>
        <message>
            <source>Retries per task:</source>
            <translation>Nouveaux essais par tâche :</translation>
        </message>
        <message>
            <source> s</source>
            <comment>seconds suffix</comment>
            <translation> s</translation>
        </message>
        <message>
            <source>Wait before the first retry; it doubles for each further retry (with ±20 % jitter)</source>
            <translation>Attente avant le premier nouvel essai ; elle double à chaque essai suivant (avec ±20 % d’aléa)</translation>
        </message>
        <message>
            <source>Backoff base:</source>
            <translation>Temporisation de base :</translation>
        </message>
        <message>
            <source>Disk</source>
            <translation>Disque</translation>
        </message>
        <message>
            <source> MB</source>
            <comment>megabytes suffix</comment>
            <translation> Mo</translation>
        </message>
        <message>
            <source>Retake pauses before the free space falls below this</source>
            <translation>Retake se met en pause avant que l’espace libre ne passe sous cette valeur</translation>
        </message>
        <message>
            <source>Keep free:</source>
            <translation>Garder libre :</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Autres</translation>
        </message>
        <message>
            <source>Debug logging: record every attempt's parameters, prompts included, in the activity log</source>
            <translation>Journal de débogage : enregistrer les paramètres de chaque tentative, prompts compris, dans le journal d’activité</translation>
        </message>
        <message>
            <source>Tell the desktop when a batch ends or needs you while Retake is not the window in front</source>
            <translation>Prévenir le bureau quand un lot se termine ou a besoin de vous alors que Retake n’est pas la fenêtre au premier plan</translation>
        </message>
        <message>
            <source>System default</source>
            <translation>Langue du système</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>Langue :</translation>
        </message>
        <message>
            <source>A new language takes effect the next time Retake starts.</source>
            <translation>Une nouvelle langue s’applique au prochain démarrage de Retake.</translation>
        </message>
        <message>
            <source>Running</source>
            <translation>Exécution</translation>
        </message>
        <message>
            <source>As in the provider profiles</source>
            <translation>Comme dans les profils des fournisseurs</translation>
        </message>
        <message>
            <source>At most this many requests in flight per provider. Lowers the limit of a provider's profile, never raises it; Retake still lowers it further by itself when a provider rate-limits.</source>
            <translation>Au plus ce nombre de requêtes en cours par fournisseur. Abaisse la limite du profil d’un fournisseur, ne l’augmente jamais ; Retake l’abaisse encore de lui-même quand un fournisseur limite le débit.</translation>
        </message>
        <message>
            <source>Parallel requests per provider:</source>
            <translation>Requêtes parallèles par fournisseur :</translation>
        </message>
        <message>
            <source>Show the estimate and ask for a budget cap before each run</source>
            <translation>Afficher l’estimation et demander un plafond de budget avant chaque exécution</translation>
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
            <translation>sans limite</translation>
        </message>
        <message>
            <source>Built-in offline renderer (local)</source>
            <translation>Rendu intégré hors ligne (local)</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <comment>kind label (kind name)</comment>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>Add provider profile</source>
            <translation>Ajouter un profil de fournisseur</translation>
        </message>
        <message>
            <source>Edit provider profile %1</source>
            <translation>Modifier le profil de fournisseur %1</translation>
        </message>
        <message>
            <source>Problems</source>
            <translation>Problèmes</translation>
        </message>
        <message>
            <source>e.g. studio-comfyui</source>
            <translation>p. ex. studio-comfyui</translation>
        </message>
        <message>
            <source>The name storyboards use for this provider: letters, digits, '-' and '_'</source>
            <translation>Le nom sous lequel les storyboards utilisent ce fournisseur : lettres, chiffres, « - » et « _ »</translation>
        </message>
        <message>
            <source>What kind of server this is; it decides the wire format</source>
            <translation>Le type de serveur ; il détermine le format d’échange</translation>
        </message>
        <message>
            <source>https anywhere; plain http only to this computer or to the hosts allowed below. Leave empty for the kind's default.</source>
            <translation>https partout ; http non chiffré seulement vers cet ordinateur ou vers les hôtes autorisés ci-dessous. Laissez vide pour la valeur par défaut du type.</translation>
        </message>
        <message>
            <source>The name under which the API key is kept in the system keychain (and the environment variable RETAKE_KEY_&lt;NAME&gt;) — never the key itself. Use "Set API key…" in the list to store the key.</source>
            <translation>Le nom sous lequel la clé d’API est conservée dans le trousseau du système (et dans la variable d’environnement RETAKE_KEY_&lt;NOM&gt;) — jamais la clé elle-même. Utilisez « Définir la clé d’API… » dans la liste pour enregistrer la clé.</translation>
        </message>
        <message>
            <source>Attempts run at once on this provider at most; Retake lowers it by itself when the provider rate-limits</source>
            <translation>Nombre maximal de tentatives simultanées chez ce fournisseur ; Retake le réduit de lui-même quand le fournisseur limite le débit</translation>
        </message>
        <message>
            <source>What one attempt costs, in your own units (e.g. US cents); used for estimates and the run budget</source>
            <translation>Le coût d’une tentative, dans vos propres unités (p. ex. centimes de dollar) ; sert aux estimations et au budget d’une exécution</translation>
        </message>
        <message>
            <source>e.g. gpu-box.lan, 192.168.1.20</source>
            <translation>p. ex. gpu-box.lan, 192.168.1.20</translation>
        </message>
        <message>
            <source>Hosts on your own network that may be reached over plain http, separated by commas. Everything else needs https.</source>
            <translation>Hôtes de votre propre réseau joignables en http non chiffré, séparés par des virgules. Tout le reste exige https.</translation>
        </message>
        <message>
            <source>Timeouts</source>
            <translation>Délais d’expiration</translation>
        </message>
        <message>
            <source>Until a request is on the wire</source>
            <translation>Jusqu’à ce qu’une requête soit envoyée</translation>
        </message>
        <message>
            <source>From sending a request until the answer starts</source>
            <translation>De l’envoi d’une requête au début de la réponse</translation>
        </message>
        <message>
            <source>One HTTP exchange, downloads included</source>
            <translation>Un échange HTTP, téléchargements compris</translation>
        </message>
        <message>
            <source>The first status poll of a job; it grows up to the longest poll interval</source>
            <translation>La première interrogation de l’état d’une tâche ; l’intervalle augmente jusqu’à l’intervalle le plus long</translation>
        </message>
        <message>
            <source>A whole job on the provider, queueing included</source>
            <translation>Une tâche entière chez le fournisseur, file d’attente comprise</translation>
        </message>
        <message>
            <source>no server: runs on this computer</source>
            <translation>pas de serveur : s’exécute sur cet ordinateur</translation>
        </message>
        <message>
            <source>default: %1</source>
            <translation>par défaut : %1</translation>
        </message>
        <message>
            <source>the kind's default</source>
            <translation>valeur par défaut du type</translation>
        </message>
        <message>
            <source>the profile's id</source>
            <translation>l’identifiant du profil</translation>
        </message>
        <message>
            <source>Image and video</source>
            <translation>Image et vidéo</translation>
        </message>
        <message>
            <source>Image only</source>
            <translation>Image seulement</translation>
        </message>
        <message>
            <source>Video only</source>
            <translation>Vidéo seulement</translation>
        </message>
        <message>
            <source>Image</source>
            <translation>Image</translation>
        </message>
        <message>
            <source>Video</source>
            <translation>Vidéo</translation>
        </message>
        <message>
            <source>Voice-overs (audio)</source>
            <translation>Voix off (audio)</translation>
        </message>
        <message>
            <source>ID</source>
            <comment>provider profile field</comment>
            <translation>Identifiant</translation>
        </message>
        <message>
            <source>Kind</source>
            <comment>provider profile field</comment>
            <translation>Type</translation>
        </message>
        <message>
            <source>Base URL</source>
            <comment>provider profile field</comment>
            <translation>URL de base</translation>
        </message>
        <message>
            <source>Model</source>
            <comment>provider profile field</comment>
            <translation>Modèle</translation>
        </message>
        <message>
            <source>API key name</source>
            <comment>provider profile field</comment>
            <translation>Nom de la clé d’API</translation>
        </message>
        <message>
            <source>Stages</source>
            <comment>provider profile field</comment>
            <translation>Étapes</translation>
        </message>
        <message>
            <source>Max concurrency</source>
            <comment>provider profile field</comment>
            <translation>Parallélisme max.</translation>
        </message>
        <message>
            <source>Cost per unit</source>
            <comment>provider profile field</comment>
            <translation>Coût par unité</translation>
        </message>
        <message>
            <source>Plain http allowed to</source>
            <comment>provider profile field</comment>
            <translation>http non chiffré autorisé vers</translation>
        </message>
        <message>
            <source>Connect</source>
            <comment>timeout field</comment>
            <translation>Connexion</translation>
        </message>
        <message>
            <source>First byte</source>
            <comment>timeout field</comment>
            <translation>Premier octet</translation>
        </message>
        <message>
            <source>Whole request</source>
            <comment>timeout field</comment>
            <translation>Requête entière</translation>
        </message>
        <message>
            <source>First poll after</source>
            <comment>timeout field</comment>
            <translation>Première interrogation après</translation>
        </message>
        <message>
            <source>Longest poll interval</source>
            <comment>timeout field</comment>
            <translation>Intervalle d’interrogation maximal</translation>
        </message>
        <message>
            <source>Whole job</source>
            <comment>timeout field</comment>
            <translation>Tâche entière</translation>
        </message>
        <message>
            <source>Largest download</source>
            <comment>provider profile field</comment>
            <translation>Plus gros téléchargement</translation>
        </message>
        <message>
            <source>Redirects</source>
            <comment>provider profile field</comment>
            <translation>Redirections</translation>
        </message>
        <message>
            <source>%1: enter an id, e.g. "studio-comfyui"; storyboards name the provider by it.</source>
            <translation>%1 : saisissez un identifiant, p. ex. « studio-comfyui » ; les storyboards désignent le fournisseur par ce nom.</translation>
        </message>
        <message>
            <source>%1: this field is required.</source>
            <translation>%1 : ce champ est obligatoire.</translation>
        </message>
        <message>
            <source>%1: use only letters, digits, '-' and '_' (at most 64 characters), starting with a letter or digit.</source>
            <translation>%1 : n’utilisez que des lettres, des chiffres, « - » et « _ » (64 caractères au plus), en commençant par une lettre ou un chiffre.</translation>
        </message>
        <message>
            <source>%1: "local" is the built-in provider; choose another id.</source>
            <translation>%1 : « local » est le fournisseur intégré ; choisissez un autre identifiant.</translation>
        </message>
        <message>
            <source>Retake itself</source>
            <translation>Retake lui-même</translation>
        </message>
        <message>
            <source>your settings</source>
            <translation>vos paramètres</translation>
        </message>
        <message>
            <source>%1: another profile with this id is already defined in %2; choose another id.</source>
            <translation>%1 : un autre profil avec cet identifiant est déjà défini dans %2 ; choisissez un autre identifiant.</translation>
        </message>
        <message>
            <source>%1: not a kind Retake knows; choose one of %2.</source>
            <translation>%1 : type inconnu de Retake ; choisissez-en un parmi %2.</translation>
        </message>
        <message>
            <source>%1: not an http or https address; enter one such as https://api.example.com or http://127.0.0.1:8188, or leave it empty for the kind's default.</source>
            <translation>%1 : ce n’est pas une adresse http ou https ; saisissez-en une comme https://api.example.com ou http://127.0.0.1:8188, ou laissez le champ vide pour la valeur par défaut du type.</translation>
        </message>
        <message>
            <source>%1: remove the user name and password from the address; store the API key with "Set API key…" instead.</source>
            <translation>%1 : retirez le nom d’utilisateur et le mot de passe de l’adresse ; enregistrez plutôt la clé d’API avec « Définir la clé d’API… ».</translation>
        </message>
        <message>
            <source>%1: plain http to %2 would send prompts and keys unencrypted. Use https, or add %2 to "%3" if it is a machine on your own network.</source>
            <translation>%1 : en http non chiffré vers %2, les prompts et les clés circuleraient en clair. Utilisez https, ou ajoutez %2 à « %3 » s’il s’agit d’une machine de votre propre réseau.</translation>
        </message>
        <message>
            <source>%1: use letters, digits, '.', '-' and '_' (at most 64) — the name of the key, not the key itself.</source>
            <translation>%1 : utilisez des lettres, des chiffres, « . », « - » et « _ » (64 au plus) — le nom de la clé, pas la clé elle-même.</translation>
        </message>
        <message>
            <source>%1: "%2" is not a host name; enter names such as gpu-box.lan, separated by commas.</source>
            <translation>%1 : « %2 » n’est pas un nom d’hôte ; saisissez des noms comme gpu-box.lan, séparés par des virgules.</translation>
        </message>
        <message>
            <source>%1: enter a value from %2 to %3%4.</source>
            <translation>%1 : saisissez une valeur de %2 à %3%4.</translation>
        </message>
        <message>
            <source>Your settings could not be written (%1); check that the folder is writable and save again.</source>
            <translation>Vos paramètres n’ont pas pu être écrits (%1) ; vérifiez que le dossier est accessible en écriture et enregistrez à nouveau.</translation>
        </message>
        <message>
            <source>Requests per minute</source>
            <comment>provider profile field</comment>
            <translation>Requêtes par minute</translation>
        </message>
        <message>
            <source>Longest wait for a rate limit</source>
            <comment>provider profile field</comment>
            <translation>Attente maximale en cas de limite de débit</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ProviderProfileModel</name>
        <message>
            <source>Built in</source>
            <comment>where a provider profile is defined</comment>
            <translation>Intégré</translation>
        </message>
        <message>
            <source>Storyboard (%1)</source>
            <comment>where a provider profile is defined</comment>
            <translation>Storyboard (%1)</translation>
        </message>
        <message>
            <source>providers.json beside the storyboard</source>
            <comment>where a provider profile is defined</comment>
            <translation>providers.json à côté du storyboard</translation>
        </message>
        <message>
            <source>Your settings</source>
            <comment>where a provider profile is defined</comment>
            <translation>Vos paramètres</translation>
        </message>
        <message>
            <source>%1 (default)</source>
            <comment>model</comment>
            <translation>%1 (par défaut)</translation>
        </message>
        <message>
            <source>this computer</source>
            <comment>base URL of a provider without a server</comment>
            <translation>cet ordinateur</translation>
        </message>
        <message>
            <source>%1 (default)</source>
            <comment>base URL</comment>
            <translation>%1 (par défaut)</translation>
        </message>
        <message>
            <source>%1 — not used</source>
            <comment>source — hidden by another definition</comment>
            <translation>%1 — non utilisé</translation>
        </message>
        <message>
            <source>not needed</source>
            <comment>API key</comment>
            <translation>inutile</translation>
        </message>
        <message>
            <source>looking…</source>
            <comment>API key</comment>
            <translation>recherche…</translation>
        </message>
        <message>
            <source>none</source>
            <comment>API key</comment>
            <translation>aucune</translation>
        </message>
        <message>
            <source>system keychain</source>
            <comment>API key</comment>
            <translation>trousseau du système</translation>
        </message>
        <message>
            <source>this session only</source>
            <comment>API key</comment>
            <translation>cette session seulement</translation>
        </message>
        <message>
            <source>not tested</source>
            <comment>connection test</comment>
            <translation>non testée</translation>
        </message>
        <message>
            <source>testing…</source>
            <comment>connection test</comment>
            <translation>test en cours…</translation>
        </message>
        <message>
            <source>OK</source>
            <comment>connection test</comment>
            <translation>OK</translation>
        </message>
        <message>
            <source>FAILED: %1</source>
            <comment>connection test: error class</comment>
            <translation>ÉCHEC : %1</translation>
        </message>
        <message>
            <source>Not used: %1 defines the same id and comes first.</source>
            <translation>Non utilisé : %1 définit le même identifiant et passe en premier.</translation>
        </message>
        <message>
            <source>Read-only here: edit the file that defines it.</source>
            <translation>En lecture seule ici : modifiez le fichier qui le définit.</translation>
        </message>
        <message>
            <source>This kind runs without an API key.</source>
            <translation>Ce type fonctionne sans clé d’API.</translation>
        </message>
        <message>
            <source>No key found. Use "Set API key…", or set %1.</source>
            <translation>Aucune clé trouvée. Utilisez « Définir la clé d’API… » ou définissez %1.</translation>
        </message>
        <message>
            <source>Where the key of "%1" is found. The key itself is never shown.</source>
            <translation>Où se trouve la clé « %1 ». La clé elle-même n’est jamais affichée.</translation>
        </message>
        <message>
            <source>Kind "%1"</source>
            <translation>Type « %1 »</translation>
        </message>
        <message>
            <source>ID</source>
            <translation>Identifiant</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Modèle</translation>
        </message>
        <message>
            <source>Base URL</source>
            <translation>URL de base</translation>
        </message>
        <message>
            <source>Defined in</source>
            <translation>Défini dans</translation>
        </message>
        <message>
            <source>API key</source>
            <translation>Clé d’API</translation>
        </message>
        <message>
            <source>Connection</source>
            <translation>Connexion</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ProviderProfilesDialog</name>
        <message>
            <source>&amp;Add…</source>
            <translation>&amp;Ajouter…</translation>
        </message>
        <message>
            <source>&amp;Edit…</source>
            <translation>&amp;Modifier…</translation>
        </message>
        <message>
            <source>&amp;Remove</source>
            <translation>&amp;Supprimer</translation>
        </message>
        <message>
            <source>&amp;Test connection</source>
            <translation>&amp;Tester la connexion</translation>
        </message>
        <message>
            <source>Set API &amp;key…</source>
            <translation>Définir la &amp;clé d’API…</translation>
        </message>
        <message>
            <source>Provider profiles</source>
            <translation>Profils de fournisseur</translation>
        </message>
        <message>
            <source>Profiles come from the storyboard, from providers.json beside it and from your settings; the first definition of an id wins. Your own profiles are used by every storyboard; the others are read-only here. Changes take effect the next time a storyboard is opened.</source>
            <translation>Les profils viennent du storyboard, du fichier providers.json à côté de lui et de vos paramètres ; la première définition d’un identifiant l’emporte. Vos propres profils servent à tous les storyboards ; les autres sont ici en lecture seule. Les modifications prennent effet à la prochaine ouverture d’un storyboard.</translation>
        </message>
        <message>
            <source>Add a profile to your settings</source>
            <translation>Ajouter un profil à vos paramètres</translation>
        </message>
        <message>
            <source>Remove the selected profile from your settings</source>
            <translation>Supprimer le profil sélectionné de vos paramètres</translation>
        </message>
        <message>
            <source>Make one cheap real request that proves the address and the key</source>
            <translation>Envoyer une vraie requête peu coûteuse qui valide l’adresse et la clé</translation>
        </message>
        <message>
            <source>Select a profile to test its connection or to set its API key.</source>
            <translation>Sélectionnez un profil pour tester sa connexion ou définir sa clé d’API.</translation>
        </message>
        <message>
            <source>Some profiles could not be read and are left out:</source>
            <translation>Certains profils n’ont pas pu être lus et sont ignorés :</translation>
        </message>
        <message>
            <source>Defined in %1: edit that file to change it</source>
            <translation>Défini dans %1 : modifiez ce fichier pour le changer</translation>
        </message>
        <message>
            <source>Change the selected profile</source>
            <translation>Modifier le profil sélectionné</translation>
        </message>
        <message>
            <source>Store the selected profile's API key in the system keychain; it is never shown again</source>
            <translation>Enregistrer la clé d’API du profil sélectionné dans le trousseau du système ; elle n’est plus jamais affichée</translation>
        </message>
        <message>
            <source>This kind runs without an API key</source>
            <translation>Ce type fonctionne sans clé d’API</translation>
        </message>
        <message>
            <source>Saved the profile %1 in your settings. Storyboards opened from now on can use it.</source>
            <translation>Profil %1 enregistré dans vos paramètres. Les storyboards ouverts à partir de maintenant peuvent l’utiliser.</translation>
        </message>
        <message>
            <source>Remove provider profile</source>
            <translation>Supprimer le profil de fournisseur</translation>
        </message>
        <message>
            <source>Remove the profile %1 from your settings?</source>
            <translation>Supprimer le profil %1 de vos paramètres ?</translation>
        </message>
        <message>
            <source>Storyboards that use %1 will report it as unknown. Its API key stays in the system keychain.</source>
            <translation>Les storyboards qui utilisent %1 le signaleront comme inconnu. Sa clé d’API reste dans le trousseau du système.</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Removed the profile %1 from your settings.</source>
            <translation>Profil %1 supprimé de vos paramètres.</translation>
        </message>
        <message>
            <source>Testing %1…</source>
            <translation>Test de %1…</translation>
        </message>
        <message>
            <source>Testing %1 at %2…</source>
            <translation>Test de %1 à %2…</translation>
        </message>
        <message>
            <source>Connection to %1: OK.</source>
            <translation>Connexion à %1 : OK.</translation>
        </message>
        <message>
            <source>Connection to %1: FAILED (%2, HTTP %3).</source>
            <translation>Connexion à %1 : ÉCHEC (%2, HTTP %3).</translation>
        </message>
        <message>
            <source>Connection to %1: FAILED (%2).</source>
            <translation>Connexion à %1 : ÉCHEC (%2).</translation>
        </message>
        <message>
            <source>What to do: %1</source>
            <translation>Que faire : %1</translation>
        </message>
        <message>
            <source>Set API key</source>
            <translation>Définir la clé d’API</translation>
        </message>
        <message>
            <source>API key of %1. It is stored in the system keychain under "%2", never in a file, and never shown again.</source>
            <translation>Clé d’API de %1. Elle est enregistrée dans le trousseau du système sous « %2 », jamais dans un fichier, et n’est plus jamais affichée.</translation>
        </message>
        <message>
            <source>API key of %1. The system keychain is switched off (RETAKE_KEYCHAIN), so the key is kept only until Retake quits; set %2 to keep it.</source>
            <translation>Clé d’API de %1. Le trousseau du système est désactivé (RETAKE_KEYCHAIN) : la clé n’est conservée que jusqu’à la fermeture de Retake ; définissez %2 pour la garder.</translation>
        </message>
        <message>
            <source>Store key</source>
            <translation>Enregistrer la clé</translation>
        </message>
        <message>
            <source>No key entered for %1; nothing was stored.</source>
            <translation>Aucune clé saisie pour %1 ; rien n’a été enregistré.</translation>
        </message>
        <message>
            <source>The system keychain did not store the key of %1: %2. Set the environment variable %3 instead.</source>
            <translation>Le trousseau du système n’a pas enregistré la clé de %1 : %2. Définissez plutôt la variable d’environnement %3.</translation>
        </message>
        <message>
            <source>Stored the API key of %1 in the system keychain.</source>
            <translation>Clé d’API de %1 enregistrée dans le trousseau du système.</translation>
        </message>
        <message>
            <source>Kept the API key of %1 for this session only.</source>
            <translation>Clé d’API de %1 conservée pour cette session seulement.</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ProviderStatusModel</name>
        <message>
            <source>Closed</source>
            <comment>circuit breaker: the provider is used</comment>
            <translation>Fermé</translation>
        </message>
        <message>
            <source>Open until %1</source>
            <comment>circuit breaker: avoided until a time</comment>
            <translation>Ouvert jusqu’à %1</translation>
        </message>
        <message>
            <source>Open</source>
            <comment>circuit breaker: the provider is avoided</comment>
            <translation>Ouvert</translation>
        </message>
        <message>
            <source>Half-open</source>
            <comment>circuit breaker: one probe attempt is let through</comment>
            <translation>Semi-ouvert</translation>
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
            <translation>aucune</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <comment>error class: message</comment>
            <translation>%1 : %2</translation>
        </message>
        <message>
            <source>%1 is in use.</source>
            <translation>%1 est utilisé.</translation>
        </message>
        <message>
            <source>%1 failed several times in a row and is avoided for a cool-down; its tasks move to other providers or wait. Use "Retry now" in its banner to try it at once.</source>
            <translation>%1 a échoué plusieurs fois de suite et est évité pendant une pause ; ses tâches passent à d’autres fournisseurs ou attendent. Utilisez « Réessayer maintenant » dans son bandeau pour l’essayer tout de suite.</translation>
        </message>
        <message>
            <source>The cool-down of %1 is over: one attempt probes it; success closes the breaker, failure opens it again for longer.</source>
            <translation>La pause de %1 est terminée : une tentative le sonde ; un succès referme le disjoncteur, un échec le rouvre plus longtemps.</translation>
        </message>
        <message>
            <source>How many attempts Retake runs at once on %1 now; it halves on "rate limited" and grows again after successes.</source>
            <translation>Le nombre de tentatives que Retake exécute en même temps chez %1 en ce moment ; il est divisé par deux en cas de « débit limité » et remonte après des succès.</translation>
        </message>
        <message>
            <source>The profile's maximum concurrency</source>
            <translation>Le parallélisme maximal du profil</translation>
        </message>
        <message>
            <source>Failed share of the last 20 attempts on %1</source>
            <translation>Part des échecs parmi les 20 dernières tentatives chez %1</translation>
        </message>
        <message>
            <source>%1 at %2. %3</source>
            <translation>%1 à %2. %3</translation>
        </message>
        <message>
            <source>Breaker of %1: %2</source>
            <translation>Disjoncteur de %1 : %2</translation>
        </message>
        <message>
            <source>Circuit breaker: closed = in use, open = avoided for a cool-down, half-open = one probe attempt</source>
            <translation>Disjoncteur : fermé = utilisé, ouvert = évité pendant une pause, semi-ouvert = une tentative de sondage</translation>
        </message>
        <message>
            <source>Current adaptive concurrency limit</source>
            <translation>Limite de parallélisme adaptative actuelle</translation>
        </message>
        <message>
            <source>Configured maximum concurrency</source>
            <translation>Parallélisme maximal configuré</translation>
        </message>
        <message>
            <source>Failed share of the last 20 attempts</source>
            <translation>Part des échecs parmi les 20 dernières tentatives</translation>
        </message>
        <message>
            <source>Provider</source>
            <translation>Fournisseur</translation>
        </message>
        <message>
            <source>Kind · model</source>
            <translation>Type · modèle</translation>
        </message>
        <message>
            <source>Breaker</source>
            <translation>Disjoncteur</translation>
        </message>
        <message>
            <source>In flight</source>
            <translation>En cours</translation>
        </message>
        <message>
            <source>Limit now</source>
            <translation>Limite actuelle</translation>
        </message>
        <message>
            <source>Configured</source>
            <translation>Configuré</translation>
        </message>
        <message>
            <source>Queued</source>
            <translation>En file d’attente</translation>
        </message>
        <message>
            <source>Errors</source>
            <translation>Erreurs</translation>
        </message>
        <message>
            <source>Last error</source>
            <translation>Dernière erreur</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ProviderStatusPanel</name>
        <message>
            <source>Providers</source>
            <translation>Fournisseurs</translation>
        </message>
        <message>
            <source>Open a storyboard to see its providers here.</source>
            <translation>Ouvrez un storyboard pour voir ici ses fournisseurs.</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ReportDialog</name>
        <message>
            <source>Job report — %1</source>
            <translation>Rapport d’exécution — %1</translation>
        </message>
        <message>
            <source>Open in browser</source>
            <translation>Ouvrir dans le navigateur</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::RunConfirmationDialog</name>
        <message>
            <source>%1 ms</source>
            <comment>duration</comment>
            <translation>%1 ms</translation>
        </message>
        <message>
            <source>%1 s</source>
            <comment>duration in seconds</comment>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>%1 min %2 s</source>
            <comment>duration</comment>
            <translation>%1 min %2 s</translation>
        </message>
        <message>
            <source>%1 h %2 min</source>
            <comment>duration</comment>
            <translation>%1 h %2 min</translation>
        </message>
        <message>
            <source>Run the batch</source>
            <translation>Lancer le lot</translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) of %1 will run (%2 already done). Expected: about %3 and %4 cost units.</source>
            <translation>
                <numerusform>%n tâche sur %1 va s’exécuter (%2 déjà terminées). Prévu : environ %3 et %4 unités de coût.</numerusform>
                <numerusform>%n tâches sur %1 vont s’exécuter (%2 déjà terminées). Prévu : environ %3 et %4 unités de coût.</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing is left to run: %1 of %2 tasks are done.</source>
            <translation>Plus rien à exécuter : %1 tâches terminées sur %2.</translation>
        </message>
        <message>
            <source>Provider</source>
            <translation>Fournisseur</translation>
        </message>
        <message>
            <source>Tasks</source>
            <translation>Tâches</translation>
        </message>
        <message>
            <source>Images</source>
            <translation>Images</translation>
        </message>
        <message>
            <source>Videos</source>
            <translation>Vidéos</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Durée</translation>
        </message>
        <message>
            <source>Wall time</source>
            <translation>Durée réelle</translation>
        </message>
        <message>
            <source>Cost</source>
            <translation>Coût</translation>
        </message>
        <message>
            <source>Durations from</source>
            <translation>Durées issues de</translation>
        </message>
        <message>
            <source>Provider time: the expected attempt durations added up</source>
            <translation>Temps fournisseur : somme des durées de tentative prévues</translation>
        </message>
        <message>
            <source>Provider time spread over the provider's parallel requests</source>
            <translation>Temps fournisseur réparti sur les requêtes parallèles du fournisseur</translation>
        </message>
        <message>
            <source>Cost units: the provider profile's cost per unit times the units (an image is 1 unit, a video 1 unit per second)</source>
            <translation>Unités de coût : le coût par unité du profil du fournisseur multiplié par les unités (une image vaut 1 unité, une vidéo 1 unité par seconde)</translation>
        </message>
        <message numerus="yes">
            <source>%n measured attempt(s)</source>
            <translation>
                <numerusform>%n tentative mesurée</numerusform>
                <numerusform>%n tentatives mesurées</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n measured attempt(s) and defaults</source>
            <translation>
                <numerusform>%n tentative mesurée et valeurs par défaut</numerusform>
                <numerusform>%n tentatives mesurées et valeurs par défaut</numerusform>
            </translation>
        </message>
        <message>
            <source>defaults</source>
            <translation>valeurs par défaut</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>Total</translation>
        </message>
        <message numerus="yes">
            <source>%n failed or blocked task(s) are not included: they run after Retry all failed (about %1 cost units more).</source>
            <translation>
                <numerusform>%n tâche en échec ou bloquée n’est pas comptée : elle s’exécute après « Réessayer tous les échecs » (environ %1 unités de coût de plus).</numerusform>
                <numerusform>%n tâches en échec ou bloquées ne sont pas comptées : elles s’exécutent après « Réessayer tous les échecs » (environ %1 unités de coût de plus).</numerusform>
            </translation>
        </message>
        <message>
            <source>One attempt per task: retries and degradation cost more. Durations come from measured past attempts on the same provider, or from defaults until there are some.</source>
            <translation>Une tentative par tâche : les nouveaux essais et la dégradation coûtent davantage. Les durées proviennent des tentatives passées mesurées chez le même fournisseur, ou de valeurs par défaut tant qu’il n’y en a pas.</translation>
        </message>
        <message>
            <source>No cap</source>
            <translation>Aucun plafond</translation>
        </message>
        <message>
            <source> cost units</source>
            <comment>budget spin box suffix</comment>
            <translation> unités de coût</translation>
        </message>
        <message>
            <source>Retake stops starting tasks before this run's cost would go past the cap; attempts already running finish and are kept. 0 = no cap.</source>
            <translation>Retake cesse de lancer des tâches avant que le coût de cette exécution ne dépasse le plafond ; les tentatives déjà en cours se terminent et sont conservées. 0 = aucun plafond.</translation>
        </message>
        <message>
            <source>Budget cap for this run</source>
            <translation>Plafond de budget pour cette exécution</translation>
        </message>
        <message>
            <source>Budget cap for this run:</source>
            <translation>Plafond de budget pour cette exécution :</translation>
        </message>
        <message>
            <source>Don't ask again (Preferences can turn this back on)</source>
            <translation>Ne plus demander (réactivable dans les Préférences)</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>Lancer</translation>
        </message>
        <message>
            <source>No cap: the run may cost more than the estimate when tasks are retried.</source>
            <translation>Aucun plafond : l’exécution peut coûter plus que l’estimation si des tâches sont réessayées.</translation>
        </message>
        <message>
            <source>The estimate (%1) is above the cap: Retake stops starting tasks before the cap and tells you; nothing running is thrown away.</source>
            <translation>L’estimation (%1) dépasse le plafond : Retake cesse de lancer des tâches avant le plafond et vous le signale ; rien de ce qui tourne n’est perdu.</translation>
        </message>
        <message>
            <source>Leaves %1 cost units for retries.</source>
            <translation>Laisse %1 unités de coût pour les nouveaux essais.</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ShotDetailPanel</name>
        <message>
            <source>Select a shot to see its prompt, attempts and output.</source>
            <translation>Sélectionnez un plan pour voir son prompt, ses tentatives et sa sortie.</translation>
        </message>
        <message>
            <source>Output</source>
            <translation>Sortie</translation>
        </message>
        <message>
            <source>No preview: %1</source>
            <translation>Pas d’aperçu : %1</translation>
        </message>
        <message>
            <source>Prompt</source>
            <translation>Prompt</translation>
        </message>
        <message>
            <source>Attempts</source>
            <translation>Tentatives</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <comment>shot id — title</comment>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>Scene %1</source>
            <translation>Scène %1</translation>
        </message>
        <message>
            <source>Negative: %1</source>
            <translation>Négatif : %1</translation>
        </message>
        <message>
            <source>Seed %1 · image %2×%3, %4 steps · video %5 s at %6 fps, %7</source>
            <translation>Graine %1 · image %2×%3, %4 étapes · vidéo %5 s à %6 i/s, %7</translation>
        </message>
        <message>
            <source>Last error: %1</source>
            <translation>Dernière erreur : %1</translation>
        </message>
        <message>
            <source>(HTTP %1)</source>
            <translation>(HTTP %1)</translation>
        </message>
        <message numerus="yes">
            <source>Retried %n time(s) by hand with the same error: switch provider or edit the prompt instead.</source>
            <translation>
                <numerusform>Relancée %n fois à la main avec la même erreur : changez plutôt de fournisseur ou modifiez le prompt.</numerusform>
                <numerusform>Relancée %n fois à la main avec la même erreur : changez plutôt de fournisseur ou modifiez le prompt.</numerusform>
            </translation>
        </message>
        <message>
            <source>Next: %1 on %2</source>
            <translation>Ensuite : %1 chez %2</translation>
        </message>
        <message>
            <source>Made by %1 at full quality: the first-choice provider failed.</source>
            <translation>Réalisé par %1 en qualité complète : le fournisseur préféré a échoué.</translation>
        </message>
        <message>
            <source>Play</source>
            <translation>Lire</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>No output yet</source>
            <translation>Pas encore de sortie</translation>
        </message>
        <message>
            <source>Open %1 in the system's viewer</source>
            <translation>Ouvrir %1 dans la visionneuse du système</translation>
        </message>
        <message>
            <source>No image output yet.</source>
            <translation>Pas encore d’image.</translation>
        </message>
        <message>
            <source>No video output yet.</source>
            <translation>Pas encore de vidéo.</translation>
        </message>
        <message>
            <source>Loading the preview…</source>
            <translation>Chargement de l’aperçu…</translation>
        </message>
        <message>
            <source>The output could not be read.</source>
            <translation>La sortie n’a pas pu être lue.</translation>
        </message>
        <message>
            <source>Image only: this shot has no video (stages "image").</source>
            <translation>Image seulement : ce plan n’a pas de vidéo (stages « image »).</translation>
        </message>
        <message>
            <source>No image task: the video is made from %1.</source>
            <translation>Pas de tâche d’image : la vidéo est faite à partir de %1.</translation>
        </message>
        <message>
            <source>Image only: no video.</source>
            <translation>Image seulement : pas de vidéo.</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ShotGridView</name>
        <message>
            <source>Status grid</source>
            <translation>Grille d’état</translation>
        </message>
        <message>
            <source>One line of tiles per scene, one tile per shot. Select tiles with the mouse or the arrow keys (Shift and Ctrl extend the selection); the context menu holds the recovery actions.</source>
            <translation>Une ligne de vignettes par scène, une vignette par plan. Sélectionnez les vignettes à la souris ou avec les flèches (Maj et Ctrl étendent la sélection) ; le menu contextuel propose les actions de reprise.</translation>
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
                <numerusform>%n plan</numerusform>
                <numerusform>%n plans</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 done</source>
            <comment>shots of a scene</comment>
            <translation>%1 terminés</translation>
        </message>
        <message>
            <source>%1 in progress</source>
            <comment>shots of a scene</comment>
            <translation>%1 en cours</translation>
        </message>
        <message>
            <source>%1 need attention</source>
            <comment>shots of a scene</comment>
            <translation>%1 à traiter</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <comment>shot id — shot title</comment>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>Final film</source>
            <translation>Film final</translation>
        </message>
        <message>
            <source>All scenes cut together</source>
            <translation>Toutes les scènes montées ensemble</translation>
        </message>
        <message>
            <source>Image only: this shot has no video</source>
            <translation>Image seulement : ce plan n’a pas de vidéo</translation>
        </message>
        <message>
            <source>Video from the image file %1</source>
            <translation>Vidéo à partir du fichier image %1</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ShotTileDelegate</name>
        <message>
            <source>generating the image…</source>
            <translation>génération de l’image…</translation>
        </message>
        <message>
            <source>image retry: %1</source>
            <translation>nouvel essai de l’image : %1</translation>
        </message>
        <message>
            <source>no image yet</source>
            <translation>pas encore d’image</translation>
        </message>
        <message>
            <source>degraded</source>
            <comment>badge on a tile</comment>
            <translation>dégradé</translation>
        </message>
        <message>
            <source>full · other provider</source>
            <comment>badge on a tile: done at full quality by an alternative provider</comment>
            <translation>complet · autre fournisseur</translation>
        </message>
        <message numerus="yes">
            <source>%n attempt(s)</source>
            <translation>
                <numerusform>%n tentative</numerusform>
                <numerusform>%n tentatives</numerusform>
            </translation>
        </message>
        <message>
            <source>from file</source>
            <comment>image chip of a shot whose video is made from a file</comment>
            <translation>depuis un fichier</translation>
        </message>
        <message>
            <source>image only</source>
            <comment>video chip of a shot without a video stage</comment>
            <translation>image seulement</translation>
        </message>
        <message>
            <source>loading the input image…</source>
            <translation>chargement de l’image d’entrée…</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::SummaryBar</name>
        <message>
            <source>Overall progress</source>
            <translation>Progression globale</translation>
        </message>
        <message>
            <source>Show all</source>
            <translation>Tout afficher</translation>
        </message>
        <message>
            <source>Clear the state filter and show every shot</source>
            <translation>Supprimer le filtre d’état et afficher tous les plans</translation>
        </message>
        <message>
            <source>%1 %</source>
            <comment>overall progress</comment>
            <translation>%1 %</translation>
        </message>
        <message numerus="yes">
            <source>%1 of %n task(s) finished</source>
            <translation>
                <numerusform>%1 sur %n tâche terminée</numerusform>
                <numerusform>%1 sur %n tâches terminées</numerusform>
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
            <translation>(%1 chez un autre fournisseur)</translation>
        </message>
        <message>
            <source>Paused: disk full</source>
            <translation>En pause : disque plein</translation>
        </message>
        <message>
            <source>Paused</source>
            <translation>En pause</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::SwitchProviderDialog</name>
        <message>
            <source>Switch provider</source>
            <translation>Changer de fournisseur</translation>
        </message>
        <message>
            <source>Re-run tasks on another provider. Their retry budget starts again; finished work of other tasks is not touched.</source>
            <translation>Relancer des tâches chez un autre fournisseur. Leur budget de nouveaux essais repart de zéro ; le travail terminé des autres tâches n’est pas touché.</translation>
        </message>
        <message>
            <source>The selected task: %1</source>
            <translation>La tâche sélectionnée : %1</translation>
        </message>
        <message numerus="yes">
            <source>The %n selected task(s)</source>
            <translation>
                <numerusform>La tâche sélectionnée (%n)</numerusform>
                <numerusform>Les %n tâches sélectionnées</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>All %n failed task(s), and the tasks waiting for them</source>
            <translation>
                <numerusform>La tâche échouée (%n) et les tâches qui l’attendent</numerusform>
                <numerusform>Les %n tâches échouées et les tâches qui les attendent</numerusform>
            </translation>
        </message>
        <message>
            <source>Provider:</source>
            <translation>Fournisseur :</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <comment>provider id (kind)</comment>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>%1 (%2, model %3)</source>
            <comment>provider id (kind, model)</comment>
            <translation>%1 (%2, modèle %3)</translation>
        </message>
        <message>
            <source>%1 (built-in offline renderer, always available)</source>
            <translation>%1 (moteur de rendu hors ligne intégré, toujours disponible)</translation>
        </message>
        <message>
            <source>Re-run</source>
            <translation>Relancer</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::TimelineView</name>
        <message>
            <source>Timeline of the run's attempts</source>
            <translation>Chronologie des tentatives de l’exécution</translation>
        </message>
        <message>
            <source>No attempts yet: the timeline fills in as the run goes.</source>
            <translation>Pas encore de tentatives : la chronologie se remplit au fil de l’exécution.</translation>
        </message>
        <message>
            <source>up to %1 at once</source>
            <translation>jusqu’à %1 à la fois</translation>
        </message>
        <message>
            <source>%1, attempt %2 on %3: %4 (%5)</source>
            <translation>%1, tentative %2 chez %3 : %4 (%5)</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::ValidationDialog</name>
        <message>
            <source>Storyboard not opened</source>
            <translation>Storyboard non ouvert</translation>
        </message>
        <message numerus="yes">
            <source>&lt;b&gt;%1&lt;/b&gt; was not opened: %n problem(s) must be fixed first. Nothing was run.</source>
            <translation>
                <numerusform>&lt;b&gt;%1&lt;/b&gt; n’a pas été ouvert : %n problème doit d’abord être corrigé. Rien n’a été exécuté.</numerusform>
                <numerusform>&lt;b&gt;%1&lt;/b&gt; n’a pas été ouvert : %n problèmes doivent d’abord être corrigés. Rien n’a été exécuté.</numerusform>
            </translation>
        </message>
        <message>
            <source>Where</source>
            <translation>Où</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>Problème</translation>
        </message>
        <message>
            <source>Copy problems</source>
            <translation>Copier les problèmes</translation>
        </message>
        <message>
            <source>Copy the list of problems to the clipboard</source>
            <translation>Copier la liste des problèmes dans le presse-papiers</translation>
        </message>
        <message>
            <source>Open in editor</source>
            <translation>Ouvrir dans l’éditeur</translation>
        </message>
        <message>
            <source>Open the storyboard file in the system's editor</source>
            <translation>Ouvrir le fichier storyboard dans l’éditeur du système</translation>
        </message>
    </context>
    <context>
        <name>retake::ui::VideoFrameGrabber</name>
        <message>
            <source>no temporary folder for the video frame</source>
            <translation>aucun dossier temporaire pour l’image de la vidéo</translation>
        </message>
        <message>
            <source>ffmpeg could not be started; install ffmpeg to see video frames</source>
            <translation>ffmpeg n’a pas pu être lancé ; installez ffmpeg pour voir les images des vidéos</translation>
        </message>
        <message>
            <source>ffmpeg could not read the video (exit code %1)</source>
            <translation>ffmpeg n’a pas pu lire la vidéo (code de sortie %1)</translation>
        </message>
        <message>
            <source>the extracted frame is unreadable</source>
            <translation>l’image extraite est illisible</translation>
        </message>
    </context>
    <context>
        <name>NotificationPolicy</name>
        <message>
            <source>%1: budget cap reached</source>
            <translation>%1 : plafond de budget atteint</translation>
        </message>
        <message numerus="yes">
            <source>%1 of %2 cost units spent; %n task(s) not started. Raise the budget in Retake to continue this run.</source>
            <translation>
                <numerusform>%1 unités de coût dépensées sur %2 ; %n tâche non lancée. Augmentez le budget dans Retake pour poursuivre cette exécution.</numerusform>
                <numerusform>%1 unités de coût dépensées sur %2 ; %n tâches non lancées. Augmentez le budget dans Retake pour poursuivre cette exécution.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1: batch finished</source>
            <translation>%1 : lot terminé</translation>
        </message>
        <message numerus="yes">
            <source>All %n task(s) are done.</source>
            <translation>
                <numerusform>%n tâche terminée.</numerusform>
                <numerusform>Les %n tâches sont terminées.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n at reduced quality.</source>
            <translation>
                <numerusform>%n en qualité réduite.</numerusform>
                <numerusform>%n en qualité réduite.</numerusform>
            </translation>
        </message>
        <message>
            <source>Click to see the job report.</source>
            <translation>Cliquez pour voir le rapport d’exécution.</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n task(s) failed</source>
            <translation>
                <numerusform>%1 : %n tâche en échec</numerusform>
                <numerusform>%1 : %n tâches en échec</numerusform>
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
                <numerusform>%1 et %n autre ont échoué : %2.</numerusform>
                <numerusform>%1 et %n autres ont échoué : %2.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 failed: %2.</source>
            <translation>%1 a échoué : %2.</translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) wait for it.</source>
            <translation>
                <numerusform>%n tâche l’attend.</numerusform>
                <numerusform>%n tâches l’attendent.</numerusform>
            </translation>
        </message>
        <message>
            <source>Click to select it; retry it or run it on another provider.</source>
            <translation>Cliquez pour la sélectionner ; réessayez-la ou exécutez-la chez un autre fournisseur.</translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) wait for tasks that did not finish. Open Retake to see them.</source>
            <translation>
                <numerusform>%n tâche attend des tâches qui n’ont pas abouti. Ouvrez Retake pour les voir.</numerusform>
                <numerusform>%n tâches attendent des tâches qui n’ont pas abouti. Ouvrez Retake pour les voir.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1: disk full, batch paused</source>
            <translation>%1 : disque plein, lot en pause</translation>
        </message>
        <message>
            <source>Retake stopped writing to the workspace and resumes by itself when space returns. Free some space on its disk.</source>
            <translation>Retake n’écrit plus dans l’espace de travail et reprend de lui-même quand l’espace revient. Libérez de l’espace sur son disque.</translation>
        </message>
    </context>
    <context>
        <name>DBusNotificationTransport</name>
        <message>
            <source>Show in Retake</source>
            <translation>Afficher dans Retake</translation>
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
