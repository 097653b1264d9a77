/** Silver to gold: the Microsoft Qlib binary tree and its validator (issue: gold layer). */
package quantmini.qlib;
