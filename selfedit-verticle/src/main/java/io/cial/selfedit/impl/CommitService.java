package io.cial.selfedit.impl;

import io.cial.protocol.ApiException;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Commits the source tree's changes with JGit, on a worker. Input is checked before the repository is touched: an
 * empty message, anything option-like (starting with {@code -}) and paths leaving the tree are refused, and so are a
 * missing repository, a detached HEAD and a commit without changes.
 */
final class CommitService {

    private final SelfEditConfig config;
    private final WorkerExecutor workers;

    CommitService(SelfEditConfig config, WorkerExecutor workers) {
        this.config = config;
        this.workers = workers;
    }

    Future<ApiResponse> commit(ApiRequest request) {
        String message = request.body().getString("message", "");
        List<String> paths = paths(request.body().getJsonArray("paths", new JsonArray()));
        if (message.isBlank()) {
            return Future.failedFuture(ApiException.validation("message must not be empty"));
        }
        if (message.startsWith("-")) {
            return Future.failedFuture(ApiException.validation("message must not start with '-' (option-like input)"));
        }
        if (config.sourceDir() == null) {
            return Future.failedFuture(ApiException.of(ErrorCode.CONFLICT, "no source tree is configured"));
        }
        return workers.executeBlocking(() -> commit(message, paths), false).map(ApiResponse::ok);
    }

    private static List<String> paths(JsonArray raw) {
        List<String> paths = new ArrayList<>();
        for (Object entry : raw) {
            String path = String.valueOf(entry);
            if (path.startsWith("-")) {
                throw ApiException.validation("path '%s' must not start with '-' (option-like input)", path);
            }
            Path parsed = Path.of(path).normalize();
            if (path.isBlank() || parsed.isAbsolute() || parsed.startsWith("..") || path.indexOf('\0') >= 0) {
                throw ApiException.validation("path '%s' must be a relative path inside the source tree", path);
            }
            paths.add(parsed.toString().replace('\\', '/'));
        }
        return paths;
    }

    private JsonObject commit(String message, List<String> paths) throws IOException, GitAPIException {
        if (!Files.exists(config.sourceDir().resolve(Constants.DOT_GIT))) {
            throw ApiException.of(ErrorCode.CONFLICT, "the source tree %s is not a git repository", config.sourceDir());
        }
        try (Git git = Git.open(config.sourceDir().toFile())) {
            Repository repository = git.getRepository();
            Ref head = repository.exactRef(Constants.HEAD);
            if (head == null || !head.isSymbolic()) {
                throw ApiException.of(ErrorCode.CONFLICT, "HEAD is detached: check out a branch before committing");
            }
            stage(git, paths);
            if (nothingStaged(git.status().call())) {
                throw ApiException.of(ErrorCode.CONFLICT, "nothing to commit: the tree has no changes");
            }
            RevCommit commit = git.commit()
                    .setMessage(message)
                    .setAuthor(config.gitAuthorName(), config.gitAuthorEmail())
                    .setCommitter(config.gitAuthorName(), config.gitAuthorEmail())
                    .setSign(false)
                    .call();
            return new JsonObject()
                    .put("commitId", commit.name())
                    .put("branch", repository.getBranch())
                    .put("message", message)
                    .put("authorName", config.gitAuthorName())
                    .put("authorEmail", config.gitAuthorEmail());
        }
    }

    /** Adds new and changed files, and (with {@code setUpdate}) records deletions, for the paths or the whole tree. */
    private static void stage(Git git, List<String> paths) throws GitAPIException {
        List<String> patterns = paths.isEmpty() ? List.of(".") : paths;
        for (String pattern : patterns) {
            git.add().addFilepattern(pattern).call();
            git.add().setUpdate(true).addFilepattern(pattern).call();
        }
    }

    private static boolean nothingStaged(Status status) {
        return status.getAdded().isEmpty()
                && status.getChanged().isEmpty()
                && status.getRemoved().isEmpty();
    }
}
