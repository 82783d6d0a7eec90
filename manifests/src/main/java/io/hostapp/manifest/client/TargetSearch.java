package io.hostapp.manifest.client;

import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.metadata.Delegations;
import io.hostapp.manifest.metadata.Root;
import io.hostapp.manifest.metadata.TargetFile;
import io.hostapp.manifest.metadata.Targets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Target lookup through delegations (TUF 5.6.7): pre-order depth-first search starting at top-level
 * targets; children are visited in the order their delegator lists them, only those whose paths match;
 * a matching terminating delegation cuts off every role not below it; each role is visited once
 * (cycles) and at most {@code maxDelegations} roles are visited.
 */
final class TargetSearch {

    /** Loads (or returns the already loaded) targets role {@code role} delegated by {@code delegator}. */
    @FunctionalInterface
    interface RoleLoader {
        Targets load(String role, String delegator) throws ManifestException;
    }

    private record Visit(String role, String delegator) {
    }

    private final RoleLoader loader;
    private final int maxDelegations;

    TargetSearch(RoleLoader loader, int maxDelegations) {
        this.loader = loader;
        this.maxDelegations = maxDelegations;
    }

    Optional<TargetFile> find(String targetPath) throws ManifestException {
        Deque<Visit> stack = new ArrayDeque<>();
        stack.push(new Visit(Targets.TYPE, Root.TYPE));
        Set<String> visited = new HashSet<>();
        while (visited.size() <= maxDelegations && !stack.isEmpty()) {
            Visit v = stack.pop();
            if (visited.contains(v.role())) {
                continue;
            }
            Targets t = loader.load(v.role(), v.delegator());
            TargetFile found = t.targets().get(targetPath);
            if (found != null) {
                return Optional.of(found);
            }
            visited.add(v.role());
            if (t.delegations().isEmpty()) {
                continue;
            }
            List<Visit> children = new ArrayList<>();
            for (Delegations.Candidate c : t.delegations().get().rolesFor(targetPath)) {
                children.add(new Visit(c.name(), v.role()));
                if (c.terminating()) {
                    stack.clear();
                    break;
                }
            }
            // push in reverse so the first listed child is searched first
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(children.get(i));
            }
        }
        return Optional.empty();
    }
}
