# superopt::kernels: sort4 (network ships: human benchmark / find = 0.991 in p5 latency)
# made by: superopt network --n 4 --symbol superopt_sort4
# chosen by: bash scripts/find_kernels.sh 90 sort4 (superopt search --task sort4 --objective latency --profile x86 --seconds 90 --seed 1 --threads 2 --symbol superopt_sort4, then superopt bench --task sort4 found.s --seconds 20)
	.text
	.globl	superopt_sort4
	.type	superopt_sort4, @function
	.p2align 6
superopt_sort4:
	mov (%rdi), %eax
	mov 4(%rdi), %ecx
	mov 8(%rdi), %edx
	mov 12(%rdi), %esi
	mov %eax, %r8d
	cmp %edx, %eax
	cmovg %edx, %eax
	cmovg %r8d, %edx
	mov %ecx, %r8d
	cmp %esi, %ecx
	cmovg %esi, %ecx
	cmovg %r8d, %esi
	mov %eax, %r8d
	cmp %ecx, %eax
	cmovg %ecx, %eax
	cmovg %r8d, %ecx
	mov %edx, %r8d
	cmp %esi, %edx
	cmovg %esi, %edx
	cmovg %r8d, %esi
	mov %ecx, %r8d
	cmp %edx, %ecx
	cmovg %edx, %ecx
	cmovg %r8d, %edx
	mov %eax, (%rdi)
	mov %ecx, 4(%rdi)
	mov %edx, 8(%rdi)
	mov %esi, 12(%rdi)
	ret
	.size	superopt_sort4, .-superopt_sort4
	.section	.note.GNU-stack,"",@progbits
