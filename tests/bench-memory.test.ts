import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, it } from "node:test";
import { processTree, treeResidentKiB } from "../bench/tree-memory.ts";

describe("the bench's memory of a process tree", () => {
  it("counts a process's children and grandchildren with it, and only while they run", async () => {
    // A shell whose child outlives the moment of the sample: the bench's GNU time runs Node, which runs Pagefind.
    const shell = spawn("sh", ["-c", "sleep 30 & wait"], { stdio: "ignore" });
    await once(shell, "spawn");
    try {
      let branch: number[] = [];
      for (let tries = 0; tries < 50 && branch.length < 2; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        branch = processTree(shell.pid!);
      }
      assert.equal(branch.length, 2, "the shell and its sleep");
      const tree = processTree(process.pid);
      assert.equal(tree[0], process.pid);
      assert.ok(branch.every((pid) => tree.includes(pid)), "a child and a grandchild");
      assert.ok(treeResidentKiB(process.pid) > treeResidentKiB(shell.pid!), "the tree holds more than one of its branches");
      assert.ok(treeResidentKiB(shell.pid!) > 0);
    } finally {
      shell.kill("SIGKILL");
    }
    await once(shell, "exit");
    assert.deepEqual(processTree(shell.pid!), [shell.pid!]);
    assert.equal(treeResidentKiB(shell.pid!), 0);
  });
});
